using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Commands;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class OrderCommandConfiguration : IEntityTypeConfiguration<OrderCommand>
{
    public void Configure(EntityTypeBuilder<OrderCommand> builder)
    {
        builder.ToTable("order_commands");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Platform).HasMaxLength(16);
        builder.Property(c => c.OrderId).HasMaxLength(64);
        builder.Property(c => c.Action).HasMaxLength(32);
        builder.Property(c => c.IdempotencyKey).HasMaxLength(200);
        builder.Property(c => c.RequestHash).HasMaxLength(64);
        builder.Property(c => c.Request).HasColumnType("jsonb");
        builder.Property(c => c.RequestedBy).HasMaxLength(200);
        builder.Property(c => c.State).HasMaxLength(16);
        builder.Property(c => c.Response).HasColumnType("jsonb");
        builder.Property(c => c.Resolution).HasMaxLength(16);
        builder.Property(c => c.MirrorOutcome).HasMaxLength(16);
        // The key is the caller's promise of "same request": one command per key and account, whichever instance
        // took it first.
        builder.HasIndex(c => new { c.AccountId, c.IdempotencyKey }).IsUnique();
        builder.HasIndex(c => new { c.AccountId, c.OrderId, c.CreatedAt });
        builder.HasIndex(c => c.CreatedAt);
    }
}
