using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.ReadApi;

public class OrderFilterTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_filter_returns_exactly_the_matching_orders_newest_first()
    {
        var orders = new List<Order>
        {
            Order(1, T0, baskets: [Ticket(100, showId: 11)]),
            Order(1, T0.AddHours(1), paid: false, baskets: [Ticket(200, showId: 12)]),
            Order(1, T0.AddHours(2), baskets: [Ticket(300, showId: 11), Ticket(50, showId: 12)]),
            Order(2, T0.AddHours(3), baskets: [Ticket(400, showId: 21)]),
            Order(1, T0.AddDays(1), paidAt: T0.AddDays(2), baskets: [Ticket(500, showId: 12)]),
            Order(2, T0.AddDays(3), paid: false, baskets: [Ticket(600, showId: 21)]),
        };
        orders[2].DeletedAt = T0.AddHours(5);
        orders[5].DeletedAt = T0.AddDays(4);
        orders[1].ClientEmail = "anna@example.org";
        orders[3].ClientEmail = "anna@example.org";
        // Two orders created in the same microsecond: the id (text, as both platforms give it) breaks the tie.
        orders.Add(Order(2, T0.AddHours(3), baskets: [Ticket(10, showId: 21)]));
        await SaveAsync(factory, [.. orders]);
        using var client = factory.CreateClient(SyncApiFactory.PiiKey);

        var cases = new (string Query, Func<Order, bool> Expected)[]
        {
            ("", _ => true),
            ("event_id=1", o => o.EventId == 1),
            // A show is the order's only when all its tickets are for it (mirror.orders.show_id).
            ("show_id=12", o => o.Baskets.All(b => b.ShowId == 12)),
            ("paid=true", o => o.Payed),
            ("paid=false", o => !o.Payed),
            // QTickets deletes a cancelled order; one vocabulary calls it cancelled whether it was paid or not.
            ("status=cancelled", o => o.DeletedAt is not null),
            ("status=paid,reserved", o => o.DeletedAt is null),
            ("status=reserved", o => o.DeletedAt is null && !o.Payed),
            ("status=paid&status=cancelled", o => o.Payed || o.DeletedAt is not null),
            ("platform=qtickets", _ => true),
            ("platform=ticketscloud", _ => false),
            ($"created_from={Iso(T0.AddHours(1))}&created_to={Iso(T0.AddDays(1))}", o => o.CreatedAt >= T0.AddHours(1) && o.CreatedAt < T0.AddDays(1)),
            ($"paid_from={Iso(T0.AddHours(2))}", o => o.PayedAt >= T0.AddHours(2)),
            ($"paid_to={Iso(T0.AddHours(2))}", o => o.PayedAt < T0.AddHours(2)),
            ($"updated_from={Iso(T0.AddHours(2))}&updated_to={Iso(T0.AddDays(2))}", o => o.UpdatedAt >= T0.AddHours(2) && o.UpdatedAt < T0.AddDays(2)),
            ("client_email=anna%40example.org", o => o.ClientEmail == "anna@example.org"),
            ("event_id=2&paid=true&status=paid", o => o.EventId == 2 && o.Payed && o.DeletedAt is null),
        };
        foreach (var (query, expected) in cases)
        {
            var page = await GetJsonAsync(client, $"/api/v1/orders?{query}");
            var want = orders.Where(expected).OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal).Select(o => o.Id).ToList();
            Assert.True(want.Count > 0 || query.Length > 0, "every case should select something to be meaningful");
            Assert.True(want.SequenceEqual(Ids(page)), $"?{query}: expected [{string.Join(",", want)}], got [{string.Join(",", Ids(page))}]");
        }
    }
}
