using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Bench;

/// <summary>What the emulator holds as true after the soak: its orders and its log of webhooks answered 200.</summary>
public sealed class EmulatorTruth(HttpClient http)
{
    public async Task<List<Order>> OrdersAsync(CancellationToken ct)
    {
        var orders = new List<Order>();
        for (var page = 1; ; page++)
        {
            using var response = await http.GetAsync($"emulator/truth/orders?page={page}&per_page=1000", ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"GET /emulator/truth/orders answered HTTP {(int)response.StatusCode}: the emulator in this build has no truth endpoint");
            }
            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
            var data = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement : document.RootElement.GetProperty("data");
            if (data.GetArrayLength() == 0)
            {
                return orders;
            }
            orders.AddRange(data.EnumerateArray().Select(o => OrderPayloadParser.Parse(Encoding.UTF8.GetBytes(o.GetRawText()))));
            if (data.GetArrayLength() < 1000)
            {
                return orders;
            }
        }
    }

    /// <summary>
    /// Webhooks the service answered 200, as the emulator logged them. Entries carry the event type and either
    /// the SHA-256 of the body or the order id and updated_at; null when the emulator keeps no such log.
    /// </summary>
    public async Task<List<DeliveredWebhook>?> DeliveredAsync(CancellationToken ct)
    {
        using var response = await http.GetAsync("emulator/webhooks/log?status=200", ct);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        var log = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var entries = log.ValueKind == JsonValueKind.Array ? log : log.GetProperty("data");
        return [.. entries.EnumerateArray().Select(DeliveredWebhook.From)];
    }

    public async Task<JsonElement?> StatsAsync(CancellationToken ct)
    {
        using var response = await http.GetAsync("emulator/stats", ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(ct) : null;
    }
}

public sealed record DeliveredWebhook(string? EventType, string? BodySha256, long? OrderId, DateTimeOffset? UpdatedAt, int Status)
{
    public static DeliveredWebhook From(JsonElement entry) => new(
        Text(entry, "event_type", "eventType"),
        Text(entry, "body_sha256", "bodySha256"),
        entry.TryGetProperty("order_id", out var id) || entry.TryGetProperty("orderId", out id) ? id.GetInt64() : null,
        Text(entry, "updated_at", "updatedAt") is { } at ? DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) : null,
        entry.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number ? status.GetInt32() : 200);

    private static string? Text(JsonElement entry, string snake, string camel) =>
        entry.TryGetProperty(snake, out var value) || entry.TryGetProperty(camel, out value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : null
            : null;
}
