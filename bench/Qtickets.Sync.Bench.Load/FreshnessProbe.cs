using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Qtickets.Sync.Bench;

/// <summary>
/// Freshness end to end (issue 30): signed QTickets webhooks at a fixed rate (open loop, as <see cref="OpenLoopLoad"/>),
/// and per order the time from its 200 until the read API shows it — the order through
/// <c>GET /api/v1/orders/{account}/{id}</c> (a sample of the orders, every one polled until it answers 200), its
/// tickets through <c>GET /api/v1/sales/daily</c> (every order: the day's figures are polled once per interval).
/// An order is polled every interval, or every quarter of the time it has waited when that is longer.
/// </summary>
/// <remarks>
/// An order's effect on daily sales counts as visible once its (event, day) shows at least the tickets it had
/// before the load plus those of every accepted order of that key sent up to and including this one: the table
/// folds keys, not orders, so the figure says how far a key is, not which of its orders are in. A visible instant
/// is when the poll that saw it answered, so each figure carries up to one poll interval (for an order, a quarter of
/// its wait at most) and one read's latency.
/// </remarks>
public sealed class FreshnessProbe(
    Uri baseUrl, string readKey, string secret, string account, double ratePerSecond, TimeSpan duration, long firstId,
    TimeZoneInfo zone, TimeSpan poll, double trackedPerSecond, TimeSpan patience)
{
    private const int TicketsPerOrder = 3;

    public async Task<object> RunAsync()
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var count = (long)(ratePerSecond * duration.TotalSeconds);
        var orders = Enumerable.Range(0, (int)count).Select(i => new Sent(firstId + i, SamplePayloads.Facts(firstId + i), Day(firstId + i))).ToList();
        var keys = orders.GroupBy(o => (o.Facts.EventId, o.Day)).ToDictionary(g => g.Key, g => new KeyProgress([.. g]));
        foreach (var day in keys.Keys.Select(k => k.Day).Distinct())
        {
            foreach (var (eventId, tickets) in await DailyAsync(http, day))
            {
                if (keys.TryGetValue((eventId, day), out var key))
                {
                    key.Before = tickets;
                }
            }
        }

        var clock = Stopwatch.StartNew();
        var every = Math.Max(1, (int)Math.Round(ratePerSecond / trackedPerSecond));
        var posts = new List<Task>();
        var watchers = new List<Task>();
        var sending = true;
        var daily = Task.Run(() => WatchDailyAsync(http, keys, clock, () => sending));
        for (var next = 0; next < orders.Count;)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * ratePerSecond);
            for (; next < orders.Count && next < due; next++)
            {
                var order = orders[next];
                posts.Add(PostAsync(http, order, clock, next % every == 0 ? watchers : null));
            }
            await Task.Delay(1);
        }
        await Task.WhenAll(posts);
        sending = false;
        Task[] tracking;
        lock (watchers)
        {
            tracking = [.. watchers];
        }
        await Task.WhenAll(tracking);
        await daily;

        var accepted = orders.Where(o => o.OkAt is not null).ToList();
        var tracked = accepted.Where(o => o.Tracked).ToList();
        return new
        {
            rate = ratePerSecond,
            seconds = duration.TotalSeconds,
            sent = orders.Count,
            ok = accepted.Count,
            refused = orders.Count(o => o.Refused),
            accept_p99_ms = Summary(accepted.Select(o => o.OkAt!.Value - o.SentAt)).p99_ms,
            order_visible = Summary(tracked.Where(o => o.OrderVisibleAt is not null).Select(o => o.OrderVisibleAt!.Value - o.OkAt!.Value)) with
            {
                orders = tracked.Count,
                missing = tracked.Count(o => o.OrderVisibleAt is null),
            },
            daily_visible = Summary(accepted.Where(o => o.DailyVisibleAt is not null).Select(o => o.DailyVisibleAt!.Value - o.OkAt!.Value)) with
            {
                orders = accepted.Count,
                missing = accepted.Count(o => o.DailyVisibleAt is null),
            },
        };
    }

    private DateOnly Day(long id) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(SamplePayloads.Facts(id).PaidAt, zone).DateTime);

    private async Task PostAsync(HttpClient http, Sent order, Stopwatch clock, List<Task>? watchers)
    {
        var body = SamplePayloads.Order(order.Id);
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/qtickets") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Signature", SamplePayloads.Sign(secret, body));
        request.Headers.TryAddWithoutValidation("X-Event-Type", "updated");
        request.Headers.TryAddWithoutValidation("X-Model-Name", "Order");
        order.SentAt = clock.Elapsed;
        try
        {
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                order.Refused = true;
                return;
            }
            order.OkAt = clock.Elapsed;
            if (watchers is not null)
            {
                order.Tracked = true;
                lock (watchers)
                {
                    watchers.Add(WatchOrderAsync(http, order, clock));
                }
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            order.Refused = true;
        }
    }

    private async Task WatchOrderAsync(HttpClient http, Sent order, Stopwatch clock)
    {
        var giveUp = clock.Elapsed + patience;
        while (clock.Elapsed < giveUp)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/orders/{account}/{order.Id}");
            request.Headers.Add("X-Api-Key", readKey);
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                order.OrderVisibleAt = clock.Elapsed;
                return;
            }
            // The poll interval, or a quarter of the wait so far when that is longer: a figure is never off by more
            // than a quarter, and a slow apply is not made slower by a storm of reads.
            var waited = clock.Elapsed - order.OkAt!.Value;
            await Task.Delay(waited / 4 > poll ? waited / 4 : poll);
        }
    }

    private async Task WatchDailyAsync(HttpClient http, Dictionary<(long EventId, DateOnly Day), KeyProgress> keys, Stopwatch clock, Func<bool> sending)
    {
        TimeSpan? giveUp = null;
        while (true)
        {
            var open = keys.Where(k => k.Value.Open).ToList();
            if (!sending())
            {
                giveUp ??= clock.Elapsed + patience;
                if (open.Count == 0 || clock.Elapsed > giveUp)
                {
                    return;
                }
            }
            foreach (var day in open.Select(k => k.Key.Day).Distinct().ToList())
            {
                var figures = await DailyAsync(http, day);
                var at = clock.Elapsed;
                foreach (var (eventId, tickets) in figures)
                {
                    if (keys.TryGetValue((eventId, day), out var key))
                    {
                        key.Advance(tickets, at);
                    }
                }
            }
            await Task.Delay(poll);
        }
    }

    /// <summary>Tickets sold per event on one local day, as the read API reports them now.</summary>
    private async Task<List<(long EventId, int Tickets)>> DailyAsync(HttpClient http, DateOnly day)
    {
        var d = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/sales/daily?account={account}&from={d}&to={d}&group_by=event");
        request.Headers.Add("X-Api-Key", readKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var rows = new List<(long, int)>();
        foreach (var row in document.RootElement.GetProperty("rows").EnumerateArray())
        {
            if (Find(row, "event_id", "eventId") is { ValueKind: JsonValueKind.Number } eventId && Find(row, "tickets_sold", "ticketsSold") is { } tickets)
            {
                rows.Add((eventId.GetInt64(), tickets.GetInt32()));
            }
        }
        return rows;
    }

    private static JsonElement? Find(JsonElement row, string snake, string camel) =>
        row.TryGetProperty(snake, out var value) || row.TryGetProperty(camel, out value) ? value : null;

    private static Figures Summary(IEnumerable<TimeSpan> lags)
    {
        var latencies = new Latencies();
        foreach (var lag in lags)
        {
            latencies.Add(lag < TimeSpan.Zero ? TimeSpan.Zero : lag);
        }
        return new Figures(latencies.Percentile(50), latencies.Percentile(99), latencies.Percentile(100), latencies.Count, 0);
    }

    private sealed record Figures(double p50_ms, double p99_ms, double max_ms, int orders, int missing);

    private sealed class Sent(long id, (long EventId, DateTimeOffset PaidAt) facts, DateOnly day)
    {
        public long Id { get; } = id;
        public (long EventId, DateTimeOffset PaidAt) Facts { get; } = facts;
        public DateOnly Day { get; } = day;
        public TimeSpan SentAt { get; set; }
        public TimeSpan? OkAt { get; set; }
        public bool Refused { get; set; }
        public bool Tracked { get; set; }
        public TimeSpan? OrderVisibleAt { get; set; }
        public TimeSpan? DailyVisibleAt { get; set; }
    }

    /// <summary>One (event, day) key's orders in send order, and how many of them the figure has caught up with.</summary>
    private sealed class KeyProgress(List<Sent> orders)
    {
        private int caughtUp;
        private int counted;

        public int Before { get; set; }

        public bool Open => caughtUp < orders.Count;

        public void Advance(int tickets, TimeSpan at)
        {
            while (caughtUp < orders.Count)
            {
                var order = orders[caughtUp];
                if (order.Refused)
                {
                    caughtUp++;
                    continue;
                }
                if (order.OkAt is null || tickets < Before + ((counted + 1) * TicketsPerOrder))
                {
                    return;
                }
                order.DailyVisibleAt = at;
                counted++;
                caughtUp++;
            }
        }
    }
}
