namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// One inbox row about to be written, with the verdict the intake reached: its status, the reason and the
/// HTTP status the sender gets once the row is committed.
/// </summary>
public sealed record IncomingDelivery
{
    /// <summary>The account the delivery was sent for (its URL); the default account unless said.</summary>
    public int AccountId { get; init; } = Domain.Accounts.Account.DefaultId;

    public required DateTimeOffset ReceivedAt { get; init; }
    public string? EventType { get; init; }
    public string? ModelName { get; init; }
    public long? OrderId { get; init; }
    public DateTimeOffset? OrderUpdatedAt { get; init; }
    public required string SignatureStatus { get; init; }
    public required string HeadersJson { get; init; }
    public required string Body { get; init; }
    public required string BodySha256 { get; init; }
    public required string Status { get; init; }
    public required int ResponseStatus { get; init; }
    public string? Reason { get; init; }
    public string? RemoteIp { get; init; }
}
