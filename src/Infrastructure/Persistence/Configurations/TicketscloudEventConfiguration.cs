using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class TicketscloudEventConfiguration : IEntityTypeConfiguration<TicketscloudEventRow>
{
    public void Configure(EntityTypeBuilder<TicketscloudEventRow> builder)
    {
        builder.ToTable("ticketscloud_events");
        builder.HasKey(e => new { e.AccountId, e.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Id).HasMaxLength(24);
        builder.Property(e => e.SalesKey).UseIdentityAlwaysColumn();
        builder.HasAlternateKey(e => e.SalesKey);
        builder.Property(e => e.Raw).HasColumnType("jsonb");
    }
}
