using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class DailySalesRowConfiguration : IEntityTypeConfiguration<DailySalesRow>
{
    public void Configure(EntityTypeBuilder<DailySalesRow> builder)
    {
        builder.HasNoKey();
        builder.ToView("daily_sales");
        builder.Property(r => r.Revenue).HasColumnType("numeric");
        builder.Property(r => r.RefundedAmount).HasColumnType("numeric");
    }
}
