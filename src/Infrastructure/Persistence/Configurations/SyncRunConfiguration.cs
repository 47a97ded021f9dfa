using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Sync;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> builder)
    {
        builder.ToTable("sync_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Kind).HasMaxLength(32);
        builder.Property(r => r.Trigger).HasMaxLength(32);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.ListRequests).HasDefaultValue(0);
        builder.Property(r => r.GetRequests).HasDefaultValue(0);
        builder.Property(r => r.CatalogRequests).HasDefaultValue(0);
        builder.Property(r => r.ServerPaidFilter).HasMaxLength(16);
        builder.Property(r => r.ServerUpdatedFilter).HasMaxLength(16);
        builder.Property(r => r.ServerOrder).HasMaxLength(16);
        builder.HasIndex(r => new { r.AccountId, r.Kind, r.StartedAt });
        builder.HasIndex(r => r.StartedAt);
    }
}
