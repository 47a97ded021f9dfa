using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Domain.Sync;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class AuditResultConfiguration : IEntityTypeConfiguration<AuditResult>
{
    public void Configure(EntityTypeBuilder<AuditResult> builder)
    {
        builder.ToTable("audit_results");
        builder.HasKey(r => r.RunId);
        builder.Property(r => r.RunId).ValueGeneratedNever();
        builder.HasOne<SyncRun>().WithOne().HasForeignKey<AuditResult>(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Verdict).HasMaxLength(32);
        builder.Property(r => r.MirrorPaidSum).HasColumnType("numeric");
        builder.Property(r => r.MirrorRefunds).HasColumnType("numeric");
        builder.Property(r => r.PlatformPaidSum).HasColumnType("numeric");
        builder.Property(r => r.PlatformRefunds).HasColumnType("numeric");
        builder.HasIndex(r => new { r.AccountId, r.RunId });
    }
}
