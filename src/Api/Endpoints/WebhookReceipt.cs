using System.Text.Json.Serialization;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>The 200 answer to a webhook: where it landed in the inbox.</summary>
public sealed record WebhookReceipt(
    [property: JsonPropertyName("delivery_id")] long DeliveryId,
    [property: JsonPropertyName("status"), ClosedSet(DeliveryStatuses.Pending, DeliveryStatuses.Flagged, WebhookReceipt.Duplicate)] string Status)
{
    /// <summary>The status of a delivery the inbox already held.</summary>
    public const string Duplicate = "duplicate";
}
