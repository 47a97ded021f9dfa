using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qtickets.Sync.Tests.Qtickets;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>
/// Webhook bodies built from the documented order 4360 (the bare order, as QTickets posts it; docs/sources.md), each
/// with fresh order and basket ids so tests sharing a database never touch each other's rows.
/// </summary>
internal sealed class OrderPayload
{
    // Written the way QTickets writes: '+' of a timestamp offset and Cyrillic as they are, not \u-escaped.
    private static readonly JsonSerializerOptions AsSent = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static long nextId = 7_000_000;

    private readonly JsonObject json;

    private OrderPayload(JsonObject json)
    {
        this.json = json;
    }

    public long Id => (long)json["id"]!;

    public IReadOnlyList<long> BasketIds => [.. json["baskets"]!.AsArray().Select(b => (long)b!["id"]!)];

    /// <summary>Order 4360 as documented, with new ids: paid, three tickets, updated 2019-07-30T12:50:52+03:00.</summary>
    public static OrderPayload New()
    {
        var json = JsonNode.Parse(SeedPayloads.Order4360Response)!["data"]!.DeepClone().AsObject();
        json["id"] = Interlocked.Increment(ref nextId);
        foreach (var basket in json["baskets"]!.AsArray())
        {
            basket!["id"] = Interlocked.Increment(ref nextId);
        }
        return new OrderPayload(json);
    }

    /// <summary>A copy with <c>updated_at</c> set and <paramref name="change"/> applied; this payload is left as it is.</summary>
    public OrderPayload Then(string updatedAt, Action<JsonObject>? change = null)
    {
        var copy = json.DeepClone().AsObject();
        copy["updated_at"] = updatedAt;
        change?.Invoke(copy);
        return new OrderPayload(copy);
    }

    public static JsonObject Basket(JsonObject order, int index) => order["baskets"]![index]!.AsObject();

    public override string ToString() => json.ToJsonString(AsSent);

    public static string Sign(string body, string secret) =>
        Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
