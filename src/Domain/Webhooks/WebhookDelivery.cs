namespace Qtickets.Sync.Domain.Webhooks;

/// <summary>
/// One webhook request as it reached us: the inbox row. Every delivery is kept, rejected ones included, so
/// an operator can see what QTickets sent and replay it.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>The account the row belongs to (<c>accounts.id</c>); ids below are unique only within it.</summary>
    public int AccountId { get; set; } = Accounts.Account.DefaultId;

    public long Id { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string? EventType { get; set; }
    public string? ModelName { get; set; }
    public long? OrderId { get; set; }
    public DateTimeOffset? OrderUpdatedAt { get; set; }
    public string SignatureStatus { get; set; } = SignatureStatuses.NotConfigured;

    /// <summary>Request headers as a JSON object (signature included; it is not a secret).</summary>
    public string Headers { get; set; } = "{}";

    /// <summary>The raw body as text: it may not be JSON at all, which is itself worth keeping.</summary>
    public string Body { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the raw body; with the event type it identifies a repeated delivery.</summary>
    public string BodySha256 { get; set; } = "";
    public string Status { get; set; } = DeliveryStatuses.Pending;
    public int? ResponseStatus { get; set; }
    public string? Reason { get; set; }
    public int DuplicateCount { get; set; }
    public DateTimeOffset? LastDuplicateAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public string? ApplyOutcome { get; set; }
    public string? RemoteIp { get; set; }
}
