namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// A QTickets payload (an order, event or client) could not be turned into a domain entity.
/// <see cref="Reason"/> is short and safe to echo back to a webhook sender.
/// </summary>
public sealed class OrderPayloadException : Exception
{
    public OrderPayloadException(string reason)
        : base($"QTickets payload rejected: {reason}")
    {
        Reason = reason;
    }

    public OrderPayloadException(string reason, Exception innerException)
        : base($"QTickets payload rejected: {reason}", innerException)
    {
        Reason = reason;
    }

    public string Reason { get; }
}
