using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class BasketConfiguration : IEntityTypeConfiguration<Basket>
{
    public void Configure(EntityTypeBuilder<Basket> builder)
    {
        builder.ToTable("qtickets_baskets");
        builder.HasKey(b => new { b.AccountId, b.Id });
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.OriginalPrice).HasColumnType("numeric");
        builder.Property(b => b.DiscountValue).HasColumnType("numeric");
        builder.Property(b => b.Price).HasColumnType("numeric");
        builder.Property(b => b.RefundedAmount).HasColumnType("numeric");
        builder.Property(b => b.RefundedDeductionAmount).HasColumnType("numeric");
        builder.Property(b => b.TicketAmount).HasColumnType("numeric");
        builder.Property(b => b.ServiceFeeAmount).HasColumnType("numeric");
        builder.Property(b => b.TicketOriginalPrice).HasColumnType("numeric");
        builder.Property(b => b.Refunds).HasColumnType("jsonb");
        builder.Property(b => b.Raw).HasColumnType("jsonb");

        // Covering the sales rules' columns: the daily sales join probes it once per order without touching the heap.
        builder.HasIndex(b => new { b.AccountId, b.OrderId }).IncludeProperties(b => new
        {
            b.Quantity, b.Price, b.RefundedAt, b.RefundedAmount, b.DeletedAt, b.VanishedAt,
        });
        builder.HasIndex(b => b.Barcode);
        builder.HasIndex(b => b.ShowId);
        builder.HasIndex(b => b.RefundedAt);
    }
}
