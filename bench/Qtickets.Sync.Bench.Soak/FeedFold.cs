using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Bench;

/// <summary>One QTickets ticket as the feed's ticket deltas leave it.</summary>
public sealed record FoldedTicket(bool Gone, bool Refunded, bool Scanned);

/// <summary>
/// Issue 27's promise for consumers: the change feed, read from an empty cursor and folded (each change's
/// <c>changes.fields</c> "after" values over the order's fields, its ticket ids added, refunded, scanned and deleted
/// over the order's tickets), reproduces the mirror exactly. Every difference is one mismatch line.
/// </summary>
public sealed class FeedFold
{
    private readonly Dictionary<string, Dictionary<string, JsonElement>> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, FoldedTicket>> _tickets = new(StringComparer.Ordinal);
    private readonly List<string> _mismatches = [];

    public long Changes { get; private set; }
    public int Pages { get; private set; }
    public int Orders => _fields.Count;
    public int Tickets => _tickets.Values.Sum(t => t.Count);
    public int OrderMismatches { get; private set; }
    public int TicketMismatches { get; private set; }
    public IReadOnlyList<string> Mismatches => _mismatches;

    /// <summary>Reads <c>GET /api/v1/changes?platform=qtickets</c> from the start to its end, folding every change.</summary>
    public async Task ReadAsync(HttpClient service, long ignoreFromOrderId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(service);
        string? cursor = null;
        while (true)
        {
            var query = "api/v1/changes?platform=qtickets&limit=500" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await service.GetFromJsonAsync<JsonElement>(query, ct);
            Pages++;
            foreach (var change in page.GetProperty("items").EnumerateArray())
            {
                var orderId = change.GetProperty("orderId").GetString()!;
                if (long.Parse(orderId, CultureInfo.InvariantCulture) >= ignoreFromOrderId)
                {
                    continue;
                }
                Apply(orderId, change.GetProperty("changes"));
                Changes++;
            }
            cursor = page.GetProperty("nextCursor").GetString();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return;
            }
        }
    }

    private void Apply(string orderId, JsonElement changes)
    {
        if (!_fields.TryGetValue(orderId, out var fields))
        {
            _fields[orderId] = fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            _tickets[orderId] = [];
        }
        foreach (var field in changes.GetProperty("fields").EnumerateObject())
        {
            fields[field.Name] = field.Value.GetProperty("after").Clone();
        }
        var tickets = _tickets[orderId];
        var delta = changes.GetProperty("tickets");
        foreach (var id in Ids(delta, "added"))
        {
            tickets[id] = new FoldedTicket(false, false, false);
        }
        foreach (var id in Ids(delta, "refunded"))
        {
            tickets[id] = tickets.GetValueOrDefault(id, new FoldedTicket(false, false, false)) with { Refunded = true };
        }
        foreach (var id in Ids(delta, "scanned"))
        {
            tickets[id] = tickets.GetValueOrDefault(id, new FoldedTicket(false, false, false)) with { Scanned = true };
        }
        foreach (var id in Ids(delta, "deleted"))
        {
            tickets[id] = tickets.GetValueOrDefault(id, new FoldedTicket(false, false, false)) with { Gone = true };
        }
    }

    private static IEnumerable<string> Ids(JsonElement delta, string kind) =>
        delta.GetProperty(kind).EnumerateArray().Select(i => i.GetString()!);

    /// <summary>Holds the fold against <c>qtickets_orders</c>' business fields and <c>qtickets_baskets</c>.</summary>
    public async Task CompareAsync(string connectionString, long ignoreFromOrderId, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var pairs = string.Join(", ", BusinessContent.QticketsOrder.Select(c => $"'{c}', o.{c}"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand($"SELECT o.id::text, jsonb_build_object({pairs})::text FROM qtickets_orders o WHERE o.id < $1"))
        {
            command.Parameters.AddWithValue(ignoreFromOrderId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetString(0);
                seen.Add(id);
                using var mirror = JsonDocument.Parse(reader.GetString(1));
                if (!_fields.TryGetValue(id, out var folded))
                {
                    Order($"order {id} is in the mirror but the feed never mentioned it");
                    continue;
                }
                var differing = BusinessContent.QticketsOrder
                    .Where(c => !Same(mirror.RootElement.GetProperty(c), folded.TryGetValue(c, out var v) ? v : default))
                    .Select(c => $"{c}: mirror {mirror.RootElement.GetProperty(c).GetRawText()}, feed {(folded.TryGetValue(c, out var v) ? v.GetRawText() : "(never set)")}")
                    .ToList();
                if (differing.Count > 0)
                {
                    Order($"order {id}: {string.Join("; ", differing)}");
                }
            }
        }
        foreach (var id in _fields.Keys.Where(id => !seen.Contains(id)))
        {
            Order($"order {id} is in the feed but not in the mirror");
        }

        var stored = new Dictionary<string, Dictionary<string, FoldedTicket>>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand("""
            SELECT order_id::text, id::text, deleted_at IS NOT NULL OR vanished_at IS NOT NULL, refunded_at IS NOT NULL, checked_at IS NOT NULL
            FROM qtickets_baskets WHERE order_id < $1
            """))
        {
            command.Parameters.AddWithValue(ignoreFromOrderId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (!stored.TryGetValue(reader.GetString(0), out var tickets))
                {
                    stored[reader.GetString(0)] = tickets = new Dictionary<string, FoldedTicket>(StringComparer.Ordinal);
                }
                tickets[reader.GetString(1)] = new FoldedTicket(reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4));
            }
        }
        foreach (var orderId in stored.Keys.Union(_tickets.Keys))
        {
            var mirror = stored.GetValueOrDefault(orderId) ?? [];
            var folded = _tickets.GetValueOrDefault(orderId) ?? [];
            foreach (var ticket in mirror.Keys.Union(folded.Keys))
            {
                var m = mirror.GetValueOrDefault(ticket);
                var f = folded.GetValueOrDefault(ticket);
                if (m != f)
                {
                    TicketMismatches++;
                    Add($"order {orderId} ticket {ticket}: mirror {m?.ToString() ?? "(none)"}, feed {f?.ToString() ?? "(none)"}");
                }
            }
        }
    }

    private void Order(string line)
    {
        OrderMismatches++;
        Add(line);
    }

    private void Add(string line)
    {
        if (_mismatches.Count < 20)
        {
            _mismatches.Add(line);
        }
    }

    /// <summary>
    /// Equal as the history's field diff compares (jsonb): numbers by value (100.00 is 100), instants by the moment
    /// (the text depends on the session's time zone), objects by their keys; a field the feed never set is null.
    /// </summary>
    private static bool Same(JsonElement a, JsonElement b)
    {
        var aNull = a.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;
        var bNull = b.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;
        if (aNull || bNull)
        {
            return aNull && bNull;
        }
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }
        return a.ValueKind switch
        {
            JsonValueKind.Number => a.GetDecimal() == b.GetDecimal(),
            JsonValueKind.String when a.TryGetDateTimeOffset(out var x) && b.TryGetDateTimeOffset(out var y) => x == y,
            JsonValueKind.String => a.GetString() == b.GetString(),
            JsonValueKind.Object => a.EnumerateObject().Count() == b.EnumerateObject().Count()
                && a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out var q) && Same(p.Value, q)),
            JsonValueKind.Array => a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => Same(p.First, p.Second)),
            _ => a.GetRawText() == b.GetRawText(),
        };
    }
}
