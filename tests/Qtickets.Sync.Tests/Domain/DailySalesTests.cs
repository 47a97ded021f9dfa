using Qtickets.Sync.Domain.Sales;

using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Domain;

public class DailySalesTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    [Fact]
    public void Seed_order_4360_is_three_tickets_for_800_on_its_payment_day()
    {
        var row = Assert.Single(DailySales.Compute([SampleOrders.Order4360()], Moscow));

        Assert.Equal(new DateOnly(2019, 7, 30), row.Day);
        Assert.Equal(33, row.EventId);
        Assert.Equal(1, row.PaidOrders);
        Assert.Equal(3, row.TicketsSold);
        Assert.Equal(800m, row.Revenue);
        Assert.Equal(0, row.RefundedTickets);
    }

    [Fact]
    public void An_unpaid_order_sells_nothing()
    {
        var order = SampleOrders.Order4360();
        order.Payed = false;
        order.PayedAt = null;

        Assert.Empty(DailySales.Compute([order], Moscow));
    }

    [Fact]
    public void A_refund_is_booked_on_its_own_day_and_the_sale_stays_on_the_payment_day()
    {
        var order = SampleOrders.Order4360();
        var ticket = order.Baskets[2];
        ticket.RefundedAt = new DateTimeOffset(2019, 8, 2, 10, 0, 0, TimeSpan.FromHours(3));
        ticket.RefundedAmount = 450.50m;
        ticket.DeletedAt = ticket.RefundedAt;

        var rows = DailySales.Compute([order], Moscow);

        Assert.Equal(2, rows.Count);
        Assert.Equal((3, 800m), (rows[0].TicketsSold, rows[0].Revenue));
        Assert.Equal(new DateOnly(2019, 8, 2), rows[1].Day);
        Assert.Equal((1, 450.50m), (rows[1].RefundedTickets, rows[1].RefundedAmount));
    }

    [Fact]
    public void A_ticket_removed_without_a_refund_is_not_sold()
    {
        var order = SampleOrders.Order4360();
        order.Baskets[2].VanishedAt = order.UpdatedAt;

        var row = Assert.Single(DailySales.Compute([order], Moscow));

        Assert.Equal((2, 300m), (row.TicketsSold, row.Revenue));
    }

    [Fact]
    public void The_day_is_the_local_day_of_the_configured_zone()
    {
        var order = SampleOrders.Order4360();
        order.PayedAt = new DateTimeOffset(2019, 7, 30, 22, 30, 0, TimeSpan.Zero); // 01:30 on the 31st in Moscow

        Assert.Equal(new DateOnly(2019, 7, 31), Assert.Single(DailySales.Compute([order], Moscow)).Day);
        Assert.Equal(new DateOnly(2019, 7, 30), Assert.Single(DailySales.Compute([order], TimeZoneInfo.Utc)).Day);
    }
}
