using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Domain.Sync;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class AuditFindingConfiguration : IEntityTypeConfiguration<AuditFinding>
{
    public void Configure(EntityTypeBuilder<AuditFinding> builder)
    {
        builder.ToTable("audit_findings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).UseIdentityAlwaysColumn();
        builder.HasOne<SyncRun>().WithMany().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(f => f.Entity).HasMaxLength(16);
        builder.Property(f => f.Day).HasColumnType("date");
        builder.Property(f => f.Kind).HasMaxLength(32);
        builder.Property(f => f.OrderId).HasMaxLength(64);
        builder.Property(f => f.TicketId).HasMaxLength(64);
        builder.Property(f => f.Fields).HasColumnType("jsonb");
        // Findings are read a run at a time, in id order (the page cursor).
        builder.HasIndex(f => new { f.RunId, f.Id });
    }
}
