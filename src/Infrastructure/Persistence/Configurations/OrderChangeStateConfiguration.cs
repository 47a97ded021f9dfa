using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Changes;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class OrderChangeStateConfiguration : IEntityTypeConfiguration<OrderChangeState>
{
    public void Configure(EntityTypeBuilder<OrderChangeState> builder)
    {
        builder.ToTable("order_change_states");
        builder.HasKey(s => s.Position);
        builder.Property(s => s.Position).ValueGeneratedNever();
        // Retention deletes changes; their states go with them.
        builder.HasOne<OrderChange>().WithOne().HasForeignKey<OrderChangeState>(s => s.Position).OnDelete(DeleteBehavior.Cascade);
        // The view's types, unconstrained: a state is never the reason a write fails.
        foreach (var money in new[] { nameof(OrderChangeState.Total), nameof(OrderChangeState.TicketRevenue), nameof(OrderChangeState.ServiceFees),
                     nameof(OrderChangeState.Discount), nameof(OrderChangeState.RefundedAmount) })
        {
            builder.Property(money).HasColumnType("numeric");
        }
    }
}
