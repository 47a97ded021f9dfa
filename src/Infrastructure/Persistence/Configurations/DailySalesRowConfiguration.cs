using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class DailySalesRowConfiguration : IEntityTypeConfiguration<DailySalesRow>
{
    public void Configure(EntityTypeBuilder<DailySalesRow> builder)
    {
        // Mapped as a view so EF reads it but never creates or alters it: SalesSql owns the table.
        builder.HasNoKey();
        builder.ToView("daily_sales");
        builder.Property(r => r.Gross).HasColumnType("numeric");
        builder.Property(r => r.TicketRevenue).HasColumnType("numeric");
        builder.Property(r => r.ServiceFees).HasColumnType("numeric");
        builder.Property(r => r.Refunds).HasColumnType("numeric");
    }
}
