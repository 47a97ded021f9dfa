using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class TicketscloudRefundRequestConfiguration : IEntityTypeConfiguration<TicketscloudRefundRequestRow>
{
    public void Configure(EntityTypeBuilder<TicketscloudRefundRequestRow> builder)
    {
        builder.ToTable("ticketscloud_refund_requests");
        builder.HasKey(r => new { r.AccountId, r.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Id).HasMaxLength(24);
        builder.Property(r => r.OrderId).HasMaxLength(24);
        builder.Property(r => r.Amount).HasColumnType("numeric");
        builder.Property(r => r.Raw).HasColumnType("jsonb");
        // No foreign key to the order: refund requests and orders are separate listings, mirrored in any order.
        builder.HasIndex(r => new { r.AccountId, r.OrderId });
        builder.HasIndex(r => r.TicketIds).HasMethod("gin");
    }
}
