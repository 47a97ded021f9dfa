using System.Text.Json.Serialization;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>The 200 answer to a webhook: where it landed in the inbox.</summary>
public sealed record WebhookReceipt(
    [property: JsonPropertyName("delivery_id")] long DeliveryId,
    [property: JsonPropertyName("status")] string Status);
