using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class OrderChangeConfiguration : IEntityTypeConfiguration<OrderChange>
{
    public void Configure(EntityTypeBuilder<OrderChange> builder)
    {
        builder.ToTable("order_changes");
        builder.HasKey(c => c.Position);
        builder.Property(c => c.Position).UseIdentityAlwaysColumn();
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Platform).HasMaxLength(16);
        builder.Property(c => c.OrderId).HasMaxLength(64);
        builder.Property(c => c.Types).HasColumnType("text[]");
        builder.Property(c => c.Source).HasMaxLength(16);
        builder.Property(c => c.SourceId).HasMaxLength(64);
        builder.Property(c => c.Changes).HasColumnType("jsonb");
        // An order's history, newest first, is one index range.
        builder.HasIndex(c => new { c.AccountId, c.Platform, c.OrderId, c.Position });
        // The feed reads in feed order from a cursor; the sequencer finds what it has still to number (ADR 0016).
        builder.HasIndex(c => c.FeedPosition).IsUnique();
        builder.HasIndex(c => c.Position).HasDatabaseName("ix_order_changes_unsequenced").HasFilter("feed_position IS NULL");
    }
}
