using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Sync;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class SyncStateConfiguration : IEntityTypeConfiguration<SyncState>
{
    public void Configure(EntityTypeBuilder<SyncState> builder)
    {
        builder.ToTable("sync_state");
        builder.HasKey(s => new { s.AccountId, s.Key });
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Key).HasMaxLength(200);
        builder.Property(s => s.Checkpoint).HasColumnType("jsonb");
    }
}
