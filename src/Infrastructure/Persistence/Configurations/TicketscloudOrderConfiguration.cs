using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class TicketscloudOrderConfiguration : IEntityTypeConfiguration<TicketscloudOrderRow>
{
    public void Configure(EntityTypeBuilder<TicketscloudOrderRow> builder)
    {
        builder.ToTable("ticketscloud_orders");
        builder.HasKey(o => new { o.AccountId, o.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.Id).HasMaxLength(24);
        builder.Property(o => o.EventId).HasMaxLength(24);
        foreach (var money in new[] { nameof(TicketscloudOrderRow.Nominal), nameof(TicketscloudOrderRow.Extra), nameof(TicketscloudOrderRow.Full),
                     nameof(TicketscloudOrderRow.Discount), nameof(TicketscloudOrderRow.Price) })
        {
            builder.Property(money).HasColumnType("numeric");
        }
        builder.Property(o => o.SetsValues).HasColumnType("jsonb");
        builder.Property(o => o.Settings).HasColumnType("jsonb");
        builder.Property(o => o.VendorData).HasColumnType("jsonb");
        builder.Property(o => o.Raw).HasColumnType("jsonb");
        // The cross-platform list (mirror.orders) pages by (created_at, account_id, id), of all or of one account.
        builder.HasIndex(o => new { o.CreatedAt, o.AccountId, o.Id });
        builder.HasIndex(o => new { o.AccountId, o.CreatedAt, o.Id });
        builder.HasIndex(o => new { o.EventId, o.CreatedAt, o.AccountId, o.Id });
        builder.HasIndex(o => new { o.AccountId, o.EventId });
        builder.HasIndex(o => new { o.AccountId, o.DoneAt });
        builder.HasIndex(o => new { o.AccountId, o.CustomerEmail });
    }
}
