using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Qtickets.Sync.Bench;

/// <summary>
/// Latency of the read API on one connection, one request at a time (the figure a dashboard user feels):
/// the order list paged deep through its cursor, a year of daily sales for one event and a month over all events
/// (from the maintained table, and from the recompute as the same-run baseline), and one order by id.
/// </summary>
/// <remarks><c>only</c> (list, daily, byid) runs one of the three, e.g. to capture its SQL plans alone.</remarks>
public sealed class ReadApiProbe(Uri baseUrl, string apiKey, long orders, int events, DateOnly firstDay, int days, int samples, int depth, string? only)
{
    private readonly Random _random = new(42);

    public async Task<object> RunAsync()
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return new
        {
            order_list = Wanted("list") ? await MeasureListAsync(http) : null,
            daily_sales = Wanted("daily") ? await MeasureAsync(http, () => EventYear("")) : null,
            daily_sales_month = Wanted("daily") ? await MeasureAsync(http, () => AllEventsMonth("")) : null,
            // Same-run baselines: an ad-hoc zone is answered by the full recompute over orders and tickets. It is
            // slow by design, so a tenth of the samples (at least 20) keeps the run short.
            daily_sales_recompute = Wanted("daily") ? await MeasureAsync(http, () => EventYear("&tz=UTC"), BaselineSamples) : null,
            daily_sales_month_recompute = Wanted("daily") ? await MeasureAsync(http, () => AllEventsMonth("&tz=UTC"), BaselineSamples) : null,
            order_by_id = Wanted("byid") ? await MeasureAsync(http, () => $"api/v1/orders/{1 + _random.NextInt64(orders)}") : null,
        };

        bool Wanted(string name) => only is null || only == name;
    }

    /// <summary>A year of daily sales for one random event.</summary>
    private string EventYear(string extra)
    {
        var from = firstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = firstDay.AddDays(days - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"api/v1/sales/daily?event_id={1 + _random.Next(events)}&from={from}&to={to}{extra}";
    }

    /// <summary>A random calendar month of daily sales over all events.</summary>
    private string AllEventsMonth(string extra)
    {
        var first = new DateOnly(firstDay.Year, 1 + _random.Next(Math.Max(1, Math.Min(12, days / 31))), 1);
        var from = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = first.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"api/v1/sales/daily?from={from}&to={to}{extra}";
    }

    private int BaselineSamples => Math.Max(20, samples / 10);

    private Task<object> MeasureAsync(HttpClient http, Func<string> nextUrl, int? count = null) =>
        SampleAsync(http, nextUrl, count ?? samples);

    /// <summary><paramref name="wanted"/> requests measured after a tenth more as warm-up.</summary>
    internal static async Task<object> SampleAsync(HttpClient http, Func<string> nextUrl, int wanted)
    {
        var latencies = new Latencies();
        var failures = new Dictionary<int, int>();
        for (var i = 0; i < wanted + wanted / 10; i++)
        {
            var (status, elapsed, _) = await GetAsync(http, nextUrl());
            if (status != 200)
            {
                failures[status] = failures.GetValueOrDefault(status) + 1;
            }
            else if (i >= wanted / 10)
            {
                latencies.Add(elapsed);
            }
        }
        return Summary(latencies, failures);
    }

    private Task<object> MeasureListAsync(HttpClient http) => MeasurePagesAsync(http, () =>
    {
        var from = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(_random.Next(days / 2));
        return $"api/v1/orders?event_id={1 + _random.Next(events)}&{CreatedRange(from, 90)}&limit=50";
    }, samples, depth);

    /// <summary><c>created_from</c> and <c>created_to</c> of a range of <paramref name="days"/> days from <paramref name="from"/>.</summary>
    internal static string CreatedRange(DateTimeOffset from, int days) =>
        $"created_from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&created_to={Uri.EscapeDataString(from.AddDays(days).ToString("O", CultureInfo.InvariantCulture))}";

    /// <summary>
    /// Pages of a list, each listing walked up to <paramref name="depth"/> pages through its cursor, until
    /// <paramref name="samples"/> pages (after a tenth more as warm-up) are measured.
    /// </summary>
    internal static async Task<object> MeasurePagesAsync(HttpClient http, Func<string> firstPage, int samples, int depth)
    {
        var latencies = new Latencies();
        var failures = new Dictionary<int, int>();
        var deepest = 0;
        var warm = samples / 10;
        var taken = 0;
        while (taken < samples + warm)
        {
            var first = firstPage();
            string? cursor = null;
            for (var page = 0; page < depth && taken < samples + warm; page++)
            {
                var url = first + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
                var (status, elapsed, body) = await GetAsync(http, url);
                taken++;
                if (status != 200)
                {
                    failures[status] = failures.GetValueOrDefault(status) + 1;
                    break;
                }
                if (taken > warm)
                {
                    latencies.Add(elapsed);
                }
                deepest = Math.Max(deepest, page + 1);
                cursor = NextCursor(body);
                if (cursor is null)
                {
                    break;
                }
            }
        }
        return new { summary = Summary(latencies, failures), deepest_page = deepest };
    }

    internal static async Task<(int Status, TimeSpan Elapsed, byte[] Body)> GetAsync(HttpClient http, string url)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            return ((int)response.StatusCode, clock.Elapsed, body);
        }
        catch (HttpRequestException)
        {
            return (0, clock.Elapsed, []);
        }
    }

    /// <summary>The read API's next-page cursor, wherever its envelope keeps it.</summary>
    private static string? NextCursor(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Find(document.RootElement, 0);
        }
        catch (JsonException)
        {
            return null;
        }

        static string? Find(JsonElement element, int level)
        {
            if (element.ValueKind != JsonValueKind.Object || level > 2)
            {
                return null;
            }
            foreach (var property in element.EnumerateObject())
            {
                var name = property.Name.Replace("_", "", StringComparison.Ordinal);
                if (name.Equals("nextcursor", StringComparison.OrdinalIgnoreCase) || name.Equals("cursor", StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
                if (property.Value.ValueKind == JsonValueKind.Object && Find(property.Value, level + 1) is { } nested)
                {
                    return nested;
                }
            }
            return null;
        }
    }

    internal static object Summary(Latencies latencies, Dictionary<int, int> failures) => new
    {
        samples = latencies.Count,
        p50_ms = latencies.Percentile(50),
        p99_ms = latencies.Percentile(99),
        failures = failures.ToDictionary(f => f.Key.ToString(CultureInfo.InvariantCulture), f => f.Value),
    };
}
