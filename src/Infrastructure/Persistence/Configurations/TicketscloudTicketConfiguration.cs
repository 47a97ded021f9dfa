using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class TicketscloudTicketConfiguration : IEntityTypeConfiguration<TicketscloudTicketRow>
{
    public void Configure(EntityTypeBuilder<TicketscloudTicketRow> builder)
    {
        builder.ToTable("ticketscloud_tickets");
        builder.HasKey(t => new { t.AccountId, t.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.Id).HasMaxLength(24);
        builder.Property(t => t.OrderId).HasMaxLength(24);
        builder.Property(t => t.EventId).HasMaxLength(24);
        foreach (var money in new[] { nameof(TicketscloudTicketRow.Nominal), nameof(TicketscloudTicketRow.Extra), nameof(TicketscloudTicketRow.Full),
                     nameof(TicketscloudTicketRow.Discount), nameof(TicketscloudTicketRow.Price) })
        {
            builder.Property(money).HasColumnType("numeric");
        }
        builder.Property(t => t.Raw).HasColumnType("jsonb");
        builder.HasOne<TicketscloudOrderRow>().WithMany().HasForeignKey(t => new { t.AccountId, t.OrderId });
        builder.HasIndex(t => new { t.AccountId, t.OrderId });
        builder.HasIndex(t => new { t.AccountId, t.Barcode });
    }
}
