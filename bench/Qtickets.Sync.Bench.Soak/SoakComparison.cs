using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Sales;

namespace Qtickets.Sync.Bench;

/// <summary>
/// Holds the mirror against the emulator's truth after the soak. Every difference is one mismatch with a line
/// saying what differs; the first few are printed, all are counted.
/// </summary>
public sealed class SoakComparison(IReadOnlyList<Order> truth, MirrorSnapshot mirror, TimeZoneInfo zone)
{
    private readonly List<string> _mismatches = [];
    private readonly List<string> _unpaid = [];

    public IReadOnlyList<string> Mismatches => _mismatches;

    public IReadOnlyList<string> UnpaidDifferences => _unpaid;

    public int OrderMismatches { get; private set; }
    public int BasketMismatches { get; private set; }
    public int SalesMismatches { get; private set; }
    public int TableMismatches { get; private set; }
    public int MissingWebhooks { get; private set; }
    public int UnpaidUnknown { get; private set; }
    public int UnpaidStale { get; private set; }

    public void CompareOrders(long ignoreFromId)
    {
        var truthIds = new HashSet<long>();
        foreach (var order in truth)
        {
            truthIds.Add(order.Id);
            if (!mirror.Orders.TryGetValue(order.Id, out var stored))
            {
                if (order.Payed)
                {
                    Order($"paid order {order.Id} is missing from the mirror");
                }
                else
                {
                    // Only webhooks carry unpaid orders (reconcile lists payed=1): one whose webhooks were all
                    // dropped is unknown to the mirror by design, and counts for nothing in sales.
                    UnpaidUnknown++;
                }
                continue;
            }
            if (!order.Payed && !stored.Payed)
            {
                // Unpaid in both: only webhooks carry such changes (reconcile lists payed=1), so a dropped one
                // leaves the row stale without touching sales. Counted apart, not hidden.
                if (stored.DeletedAt != order.DeletedAt || stored.Price != order.Price || !SameBaskets(order, mirror.BasketsByOrder.GetValueOrDefault(order.Id) ?? []))
                {
                    UnpaidStale++;
                    _unpaid.Add($"unpaid order {order.Id}: mirror deleted_at={stored.DeletedAt:O} price={stored.Price}, truth deleted_at={order.DeletedAt:O} price={order.Price}");
                }
                continue;
            }
            if (stored.Payed != order.Payed || stored.PayedAt != order.PayedAt || stored.DeletedAt != order.DeletedAt || stored.Price != order.Price)
            {
                Order($"order {order.Id}: mirror payed={stored.Payed} payed_at={stored.PayedAt:O} deleted_at={stored.DeletedAt:O} price={stored.Price}, truth payed={order.Payed} payed_at={order.PayedAt:O} deleted_at={order.DeletedAt:O} price={order.Price}");
            }
            CompareBaskets(order, mirror.BasketsByOrder.GetValueOrDefault(order.Id) ?? []);
        }
        foreach (var extra in mirror.Orders.Keys.Where(id => id < ignoreFromId && !truthIds.Contains(id)))
        {
            Order($"order {extra} is in the mirror but not upstream");
        }
    }

    /// <summary>
    /// Issue 10's promise, twice over: the recompute over the mirror equals the truth's daily sales row for row,
    /// and the maintained table equals the recompute row for row.
    /// </summary>
    public void CompareDailySales()
    {
        SalesMismatches = CompareRows("recompute vs truth", DailySales.Compute(truth, zone), mirror.DailySales);
        TableMismatches = CompareRows("table vs recompute", mirror.DailySales, mirror.DailySalesTable);
    }

    private int CompareRows(string what, IReadOnlyList<DailySales> expected, IReadOnlyList<DailySales> actual)
    {
        var want = expected.ToDictionary(r => (r.Day, r.EventId, r.ShowId));
        var got = actual.ToDictionary(r => (r.Day, r.EventId, r.ShowId));
        var mismatches = 0;
        foreach (var key in want.Keys.Union(got.Keys))
        {
            var e = want.GetValueOrDefault(key);
            var a = got.GetValueOrDefault(key);
            if (e != a)
            {
                mismatches++;
                Add($"daily sales ({what}) {key.Day} event {key.EventId} show {key.ShowId}: {Describe(a)}, expected {Describe(e)}");
            }
        }
        return mismatches;
    }

    /// <summary>
    /// Every webhook the emulator saw answered 200 must be in the inbox. The emulator keeps counters, not a
    /// log; the inbox keeps one row per distinct body and counts repeats on it, so every 200 is a row or a
    /// repeat: receipts (rows + repeats) may exceed the 200s (a delivery committed just before a SIGKILL is
    /// retried), never fall short of them.
    /// </summary>
    public void CompareWebhooks(EmulatorCounters counters)
    {
        MissingWebhooks = (int)Math.Max(0, counters.WebhooksDelivered - mirror.InboxReceipts);
        if (MissingWebhooks > 0)
        {
            Add($"the emulator saw {counters.WebhooksDelivered} webhooks answered 200 but the inbox holds {mirror.InboxReceipts} receipts (rows + repeats)");
        }
    }

    private void CompareBaskets(Order order, List<MirrorBasket> stored)
    {
        var byId = stored.ToDictionary(b => b.Id);
        foreach (var basket in order.Baskets)
        {
            if (!byId.Remove(basket.Id, out var mine))
            {
                Basket($"basket {basket.Id} of order {order.Id} is missing from the mirror");
                continue;
            }
            if (mine.VanishedAt is not null || mine.DeletedAt != basket.DeletedAt || mine.RefundedAt != basket.RefundedAt
                || mine.RefundedAmount != basket.RefundedAmount || mine.CheckedAt != basket.CheckedAt)
            {
                Basket($"basket {basket.Id} of order {order.Id}: mirror deleted={mine.DeletedAt:O} refunded={mine.RefundedAt:O}/{mine.RefundedAmount} checked={mine.CheckedAt:O} vanished={mine.VanishedAt:O}, truth deleted={basket.DeletedAt:O} refunded={basket.RefundedAt:O}/{basket.RefundedAmount} checked={basket.CheckedAt:O}");
            }
        }
        foreach (var gone in byId.Values.Where(b => b.VanishedAt is null))
        {
            Basket($"basket {gone.Id} of order {order.Id} is no longer upstream but the mirror does not mark it vanished");
        }
    }

    private static bool SameBaskets(Order order, List<MirrorBasket> stored)
    {
        var byId = stored.ToDictionary(b => b.Id);
        return order.Baskets.All(b => byId.TryGetValue(b.Id, out var mine) && mine.VanishedAt is null && mine.DeletedAt == b.DeletedAt)
            && stored.Count(b => b.VanishedAt is null) == order.Baskets.Count;
    }

    private static string Describe(DailySales? r) => r is null ? "none"
        : $"{r.PaidOrders} orders/{r.TicketsSold} tickets/{r.Gross} gross ({r.TicketRevenue} ticket + {r.ServiceFees} fees)/{r.RefundedTickets} refunded/{r.Refunds}";

    private void Order(string line)
    {
        OrderMismatches++;
        Add(line);
    }

    private void Basket(string line)
    {
        BasketMismatches++;
        Add(line);
    }

    private void Add(string line) => _mismatches.Add(line);
}
