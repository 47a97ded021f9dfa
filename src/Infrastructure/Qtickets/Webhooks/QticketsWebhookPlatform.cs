using System.Text.Json;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Infrastructure.Qtickets.Webhooks;

/// <summary>
/// QTickets' side of the webhook seam: a delivery is an order (<c>X-Model-Name: Order</c>) identified by its
/// <c>id</c> and stamped <c>updated_at</c>; its body is the order as <see cref="OrderPayloadParser"/> reads it,
/// or fetched back with <c>GET /orders/{id}</c> when the body is partial, unsigned or
/// <c>Qtickets:VerifyByFetch</c> asks for it.
/// </summary>
public sealed class QticketsWebhookPlatform(QticketsClients clients, IOptions<QticketsOptions> options) : IWebhookPlatform
{
    /// <summary>The only <c>X-Model-Name</c> QTickets' order webhooks carry.</summary>
    public const string Model = "Order";

    public string Platform => AccountPlatforms.Qtickets;

    public string ModelName => Model;

    public IReadOnlySet<string> EventTypes => WebhookEventTypes.Known;

    public TimeSpan MaxFutureSkew => options.Value.MaxFutureSkew;

    public bool TryIdentify(JsonElement root, out WebhookOrderKey key)
    {
        try
        {
            key = new WebhookOrderKey(JsonValues.Int64(root, "id"), JsonValues.Date(root, "updated_at"));
            return true;
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            key = default;
            return false;
        }
    }

    public bool FetchesBack(SyncAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return options.Value.VerifyByFetch || account.Settings.WebhookSecrets.Count == 0;
    }

    public StoredWebhookBody Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            // Parsed once, from the bytes as stored: the same document says whether the body is complete and becomes the order.
            using var document = OrderPayloadParser.ParseDocument(body);
            return LooksPartial(document.RootElement)
                ? StoredWebhookBody.Partial
                : StoredWebhookBody.Complete(OrderPayloadParser.Map(document.RootElement));
        }
        catch (OrderPayloadException exception)
        {
            return StoredWebhookBody.Refused(exception.Reason);
        }
    }

    public FetchOrder OrderFetch(SyncAccount account) => clients.For(account).GetOrderAsync;

    /// <summary>
    /// A body without a baskets array cannot say which tickets the order holds (the upsert would take every
    /// basket for vanished), so the order is fetched instead.
    /// </summary>
    private static bool LooksPartial(JsonElement root) =>
        root.ValueKind != JsonValueKind.Object
        || !root.TryGetProperty("baskets", out var baskets)
        || baskets.ValueKind != JsonValueKind.Array;
}
