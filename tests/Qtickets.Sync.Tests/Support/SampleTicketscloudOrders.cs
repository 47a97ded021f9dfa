using Qtickets.Sync.Domain.Ticketscloud;

namespace Qtickets.Sync.Tests.Support;

/// <summary>Ticketscloud orders built by hand: two tickets of 1,000 + 46.12 fee, observed an hour after payment.</summary>
public static class SampleTicketscloudOrders
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    /// <summary>Order <paramref name="id"/> (24 hex digits) of event <paramref name="eventId"/> in <paramref name="status"/>.</summary>
    public static TicketscloudOrder Order(string id, string eventId, string status, DateTimeOffset? doneAt)
    {
        var ticket = new TicketscloudValues(1000.00m, 46.12m, 1046.12m, 0m, 1000.00m);
        var observedAt = (doneAt ?? new DateTimeOffset(2026, 10, 5, 12, 0, 0, Moscow)).AddHours(1);
        return new TicketscloudOrder
        {
            Id = id,
            EventId = eventId,
            Status = status,
            CreatedAt = observedAt.AddHours(-2),
            DoneAt = doneAt,
            Values = new TicketscloudValues(2000.00m, 92.24m, 2092.24m, 0m, 2000.00m),
            CustomerEmail = "buyer@example.org",
            TimeZone = "Europe/Moscow",
            Tickets =
            [
                new TicketscloudTicket(id[..20] + id[^2..] + "c1", 1, "111" + id[^2..], "AAA", null, "sold", ticket, "{}"),
                new TicketscloudTicket(id[..20] + id[^2..] + "c2", 2, "222" + id[^2..], "AAB", null, "sold", ticket, "{}"),
            ],
            ObservedAt = observedAt,
            Raw = $$"""{"id":"{{id}}","status":"{{status}}"}""",
        };
    }
}
