using System.Text.Json;
using System.Text.Json.Serialization;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>One inbox row as operators see it; headers and body only when asked for.</summary>
public sealed record WebhookDeliveryView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("account")] string? Account,
    [property: JsonPropertyName("received_at")] DateTimeOffset ReceivedAt,
    [property: JsonPropertyName("event_type")] string? EventType,
    [property: JsonPropertyName("order_id")] long? OrderId,
    [property: JsonPropertyName("order_updated_at")] DateTimeOffset? OrderUpdatedAt,
    [property: JsonPropertyName("status"), ClosedSet(typeof(DeliveryStatuses))] string Status,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("response_status")] int? ResponseStatus,
    [property: JsonPropertyName("duplicate_count")] int DuplicateCount,
    [property: JsonPropertyName("last_duplicate_at")] DateTimeOffset? LastDuplicateAt,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("processed_at")] DateTimeOffset? ProcessedAt,
    [property: JsonPropertyName("apply_outcome"), ClosedSet(typeof(WebhookDeliveryView), nameof(WebhookDeliveryView.ApplyOutcomes))] string? ApplyOutcome,
    [property: JsonPropertyName("signature_status"), ClosedSet(typeof(SignatureStatuses))] string SignatureStatus,
    [property: JsonPropertyName("remote_ip")] string? RemoteIp,
    [property: JsonPropertyName("headers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Headers,
    [property: JsonPropertyName("body"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Body)
{
    /// <summary>What applying the delivery did to the order: the upsert outcomes, as the inbox stores them.</summary>
    public static IReadOnlyList<string> ApplyOutcomes { get; } = [.. Enum.GetNames<UpsertOutcome>().Select(name => name.ToLowerInvariant())];
}

/// <summary>A page of deliveries, newest first; pass <see cref="NextBeforeId"/> as <c>before_id</c> for the next.</summary>
public sealed record WebhookDeliveryPage(
    [property: JsonPropertyName("items")] IReadOnlyList<WebhookDeliveryView> Items,
    [property: JsonPropertyName("next_before_id")] long? NextBeforeId);

public sealed record WebhookReplayResult(
    [property: JsonPropertyName("requeued")] int Requeued,
    [property: JsonPropertyName("skipped_rejected")] int SkippedRejected);
