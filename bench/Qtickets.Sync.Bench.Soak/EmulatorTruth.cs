using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Bench;

/// <summary>What the emulator holds as true after the soak: every order as it really is, and its counters.</summary>
public sealed class EmulatorTruth(HttpClient http)
{
    private const int PerPage = 5_000;

    public async Task<List<Order>> OrdersAsync(CancellationToken ct)
    {
        var orders = new List<Order>();
        for (var page = 1; ; page++)
        {
            using var response = await http.GetAsync($"emulator/truth/orders?page={page}&per_page={PerPage}", ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"GET /emulator/truth/orders answered HTTP {(int)response.StatusCode}; is --emulator the base URL of the QTickets emulator?");
            }
            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
            var data = document.RootElement.GetProperty("data");
            orders.AddRange(data.EnumerateArray().Select(o => OrderPayloadParser.Parse(Encoding.UTF8.GetBytes(o.GetRawText()))));
            if (data.GetArrayLength() < PerPage)
            {
                return orders;
            }
        }
    }

    public async Task<EmulatorCounters> CountersAsync(CancellationToken ct) =>
        await http.GetFromJsonAsync<EmulatorCounters>("emulator/stats", ct)
            ?? throw new InvalidOperationException("GET /emulator/stats answered no counters");
}

/// <summary>The subset of <c>GET /emulator/stats</c> the soak judges by (camelCase on the wire).</summary>
public sealed record EmulatorCounters(
    long Changes,
    long WebhooksEmitted,
    long WebhooksDelivered,
    long WebhooksDropped,
    long WebhooksDuplicated,
    long WebhooksReordered,
    long WebhooksGivenUp,
    long WebhooksPending,
    long Api429,
    long Api503)
;
