using System.Globalization;

namespace Qtickets.Sync.Bench;

/// <summary>
/// The read API across both platforms (issue 26) on one connection, one request at a time: the order list of every
/// account paged by cursor, the list narrowed to one Ticketscloud event, an order by account and id of each
/// platform, and a Ticketscloud ticket by barcode. Ticketscloud ids, events and barcodes come from a file the
/// bench writes from the loaded data (lines <c>order|event|barcode TAB value</c>), so nothing here re-derives them.
/// </summary>
public sealed class UnifiedReadProbe(
    Uri baseUrl, string apiKey, long orders, string tcAccount, string samplesFile, DateOnly firstDay, int days, int samples, int depth)
{
    private readonly Random _random = new(26);

    public async Task<object> RunAsync()
    {
        var known = File.ReadLines(samplesFile).Select(l => l.Split('\t')).Where(f => f.Length == 2)
            .GroupBy(f => f[0], f => f[1]).ToDictionary(g => g.Key, g => g.ToArray());
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return new
        {
            list_all = await ReadApiProbe.MeasurePagesAsync(http, () => $"api/v1/orders?{Range()}&limit=50", samples, depth),
            list_tc_event = await ReadApiProbe.MeasurePagesAsync(http,
                () => $"api/v1/orders?platform=ticketscloud&event_id={Pick(known, "event")}&{Range()}&limit=50", samples, depth),
            list_paid = await ReadApiProbe.MeasurePagesAsync(http, () => $"api/v1/orders?status=paid&{Range()}&limit=50", samples, depth),
            byid_qtickets = await ReadApiProbe.SampleAsync(http, () => $"api/v1/orders/default/{1 + _random.NextInt64(orders)}", samples),
            byid_ticketscloud = await ReadApiProbe.SampleAsync(http, () => $"api/v1/orders/{tcAccount}/{Pick(known, "order")}", samples),
            ticket_ticketscloud = await ReadApiProbe.SampleAsync(http, () => $"api/v1/tickets/{Pick(known, "barcode")}", samples),
        };
    }

    /// <summary>90 days of creation dates from a random day of the first half of the data's span.</summary>
    private string Range() => ReadApiProbe.CreatedRange(
        new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(_random.Next(days / 2)), 90);

    private string Pick(Dictionary<string, string[]> known, string kind) =>
        known.TryGetValue(kind, out var values) && values.Length > 0
            ? Uri.EscapeDataString(values[_random.Next(values.Length)])
            : throw new InvalidOperationException($"{samplesFile} lists no {kind}.");
}
