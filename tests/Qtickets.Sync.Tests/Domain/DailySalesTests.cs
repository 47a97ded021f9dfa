using Qtickets.Sync.Domain.Sales;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.Support.RealShapeOrders;

namespace Qtickets.Sync.Tests.Domain;

/// <summary>One test per rule of docs/sales-rules.md, each with the worked example the document quotes.</summary>
public class DailySalesTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    [Fact]
    public void Seed_order_4360_is_three_tickets_for_800_on_its_payment_day()
    {
        var row = Assert.Single(DailySales.Compute([SampleOrders.Order4360()], Moscow));

        Assert.Equal(new DailySales(new DateOnly(2019, 7, 30), 33, 41, 1, 3, 800m, 800m, 0m, 0, 0m), row);
    }

    [Fact]
    public void Rule_1_a_sale_belongs_to_the_local_day_of_payment_in_the_configured_zone()
    {
        // Paid 23:30 Moscow on 10 March: 01:30 on the 11th in Yekaterinburg, 20:30 on the 10th in UTC.
        var order = FeeSplit();

        Assert.Equal(new DateOnly(2025, 3, 10), Assert.Single(DailySales.Compute([order], Moscow)).Day);
        Assert.Equal(new DateOnly(2025, 3, 11), Assert.Single(DailySales.Compute([order], TimeZoneInfo.FindSystemTimeZoneById("Asia/Yekaterinburg"))).Day);
        Assert.Equal(new DateOnly(2025, 3, 10), Assert.Single(DailySales.Compute([order], TimeZoneInfo.Utc)).Day);
    }

    [Fact]
    public void Rule_2_unpaid_and_upstream_missing_orders_sell_nothing()
    {
        Assert.Empty(DailySales.Compute([CancelledUnpaid()], Moscow));
        Assert.Empty(DailySales.Compute([UpstreamMissing()], Moscow));

        var known = UpstreamMissing();
        known.UpstreamMissingAt = null;
        Assert.Equal(900m, Assert.Single(DailySales.Compute([known], Moscow)).Gross);
    }

    [Fact]
    public void Rule_3_a_deleted_or_vanished_ticket_without_a_refund_is_not_sold()
    {
        var row = Assert.Single(DailySales.Compute([WithVanishedBasket()], Moscow));
        Assert.Equal((1, 1, 600m), (row.PaidOrders, row.TicketsSold, row.Gross));

        var deleted = WithVanishedBasket(vanished: false);
        deleted.Baskets[1].DeletedAt = deleted.UpdatedAt;
        Assert.Equal(600m, Assert.Single(DailySales.Compute([deleted], Moscow)).Gross);
        Assert.Equal(1000m, Assert.Single(DailySales.Compute([WithVanishedBasket(vanished: false)], Moscow)).Gross);
    }

    [Fact]
    public void Rule_4_a_paid_order_cancelled_without_a_refund_record_is_not_sold()
    {
        Assert.Empty(DailySales.Compute([CancelledWithoutRefund()], Moscow));

        var before = CancelledWithoutRefund();
        before.DeletedAt = null;
        Assert.Equal(700m, Assert.Single(DailySales.Compute([before], Moscow)).Gross);
    }

    [Fact]
    public void Rule_5_a_paid_order_cancelled_with_refunds_is_sold_on_its_payment_day_and_refunded_on_the_refund_day()
    {
        var rows = DailySales.Compute([CancelledWithRefunds()], Moscow);

        Assert.Equal(
            [
                new DailySales(new DateOnly(2025, 3, 11), EventId, 701, 1, 2, 1000m, 1000m, 0m, 0, 0m),
                new DailySales(new DateOnly(2025, 3, 12), EventId, 701, 0, 0, 0m, 0m, 0m, 2, 1000m),
            ],
            rows);
        Assert.Equal(0m, rows.Sum(r => r.Net));
    }

    [Fact]
    public void Rule_6_a_refund_is_what_was_returned_and_refunded_amount_without_refunded_at_is_no_refund()
    {
        var rows = DailySales.Compute([PartialRefund()], Moscow);

        Assert.Equal(1100m, rows[0].Gross);
        Assert.Equal((new DateOnly(2025, 3, 14), 1, 800m), (rows[1].Day, rows[1].RefundedTickets, rows[1].Refunds));
        Assert.Equal(300m, rows.Sum(r => r.Net)); // the 300 deduction stays with the organizer

        var noRefund = FeeSplit();
        noRefund.Baskets[0].RefundedAmount = 0m;
        var row = Assert.Single(DailySales.Compute([noRefund], Moscow));
        Assert.Equal((2, 0, 0m), (row.TicketsSold, row.RefundedTickets, row.Refunds));
    }

    [Fact]
    public void Rule_7_a_zero_price_order_sells_its_tickets_for_nothing()
    {
        var row = Assert.Single(DailySales.Compute([ZeroPrice()], Moscow));

        Assert.Equal(new DailySales(new DateOnly(2025, 3, 10), EventId, 701, 1, 1, 0m, 0m, 0m, 0, 0m), row);
    }

    [Fact]
    public void Rule_8_ticket_revenue_and_service_fees_split_the_gross_exactly()
    {
        var split = Assert.Single(DailySales.Compute([FeeSplit()], Moscow));
        Assert.Equal((2200m, 2000m, 200m), (split.Gross, split.TicketRevenue, split.ServiceFees));

        // Without service_fee_amount (stored before QTickets sent it) the whole price is ticket revenue.
        var noFee = DailySales.Compute([CancelledWithRefunds()], Moscow)[0];
        Assert.Equal((1000m, 1000m, 0m), (noFee.Gross, noFee.TicketRevenue, noFee.ServiceFees));
    }

    [Fact]
    public void Rule_9_tickets_without_a_show_are_reported_under_show_0()
    {
        var order = ZeroPrice();
        order.Baskets[0].ShowId = null;

        Assert.Equal(0, Assert.Single(DailySales.Compute([order], Moscow)).ShowId);
    }

    [Fact]
    public void Rule_10_money_is_never_rounded()
    {
        var order = FeeSplit();
        foreach (var basket in order.Baskets)
        {
            basket.Price = 0.1m;
            basket.ServiceFeeAmount = 0.005m;
            basket.Quantity = 3;
        }

        var row = Assert.Single(DailySales.Compute([order], Moscow));

        Assert.Equal((0.6m, 0.03m, 0.57m), (row.Gross, row.ServiceFees, row.TicketRevenue));
    }

    [Fact]
    public void Worked_example_the_real_shape_fixture_gives_the_rows_of_the_rules_document()
    {
        var rows = DailySales.Compute(All(), Moscow);

        Assert.Equal(
            ExpectedMoscow.Select(e => new DailySales(e.Day, EventId, e.Show, e.Orders, e.Tickets, e.Gross, e.Ticket, e.Fees, e.RefundedTickets, e.Refunds)),
            rows);
        Assert.Equal((4900m, 1800m, 3100m), (rows.Sum(r => r.Gross), rows.Sum(r => r.Refunds), rows.Sum(r => r.Net)));
    }
}
