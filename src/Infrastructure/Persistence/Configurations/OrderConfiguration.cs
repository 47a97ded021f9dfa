using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("qtickets_orders");
        builder.HasKey(o => new { o.AccountId, o.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Price).HasColumnType("numeric");
        builder.Property(o => o.OriginalPrice).HasColumnType("numeric");
        builder.Property(o => o.Utm).HasColumnType("jsonb");
        builder.Property(o => o.Custom).HasColumnType("jsonb");
        builder.Property(o => o.Fields).HasColumnType("jsonb");
        builder.Property(o => o.Integrations).HasColumnType("jsonb");
        builder.Property(o => o.Refunds).HasColumnType("jsonb");
        builder.Property(o => o.Raw).HasColumnType("jsonb");
        builder.Property(o => o.LastSource).HasMaxLength(16);
        builder.Ignore(o => o.Version);
        builder.Ignore(o => o.Client);
        builder.HasMany(o => o.Baskets).WithOne().HasForeignKey(b => new { b.AccountId, b.OrderId });

        // Read paths: by event and time (keyset pages walk (created_at, id)), by payment and change time,
        // by buyer and by promo code.
        builder.HasIndex(o => new { o.EventId, o.CreatedAt, o.Id });
        builder.HasIndex(o => new { o.CreatedAt, o.Id });
        // The cross-platform list (mirror.orders) pages by (created_at, account_id, id), of all or of one account.
        builder.HasIndex(o => new { o.CreatedAt, o.AccountId, o.Id });
        builder.HasIndex(o => new { o.AccountId, o.CreatedAt, o.Id });
        builder.HasIndex(o => o.PayedAt);
        // Covering, so daily sales of one event read the index alone (issue target: a year in < 100 ms).
        builder.HasIndex(o => new { o.AccountId, o.EventId, o.PayedAt }).IncludeProperties(o => new { o.Id, o.Payed });
        builder.HasIndex(o => o.UpdatedAt);
        builder.HasIndex(o => o.ClientEmail);
        builder.HasIndex(o => o.PromoCodeId);
    }
}
