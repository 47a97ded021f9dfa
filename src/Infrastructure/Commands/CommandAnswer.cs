namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>What became of one call to a platform's write endpoint.</summary>
public enum CommandAnswerKind
{
    /// <summary>2xx: the platform applied the action.</summary>
    Applied,

    /// <summary>4xx (409 aside): the platform refused; nothing changed.</summary>
    Refused,

    /// <summary>409: another change of the order is still being processed (Ticketscloud); worth sending again later.</summary>
    Busy,

    /// <summary>No answer to trust: a timeout, a 5xx, a dropped connection. The action may or may not have happened.</summary>
    Lost,
}

/// <summary>
/// The platform's answer to one write call: the order it returned (null when the answer carries none, e.g.
/// QTickets' <c>PUT /baskets/{id}</c>), the body for the audit, and a reason when it was not applied.
/// </summary>
/// <typeparam name="TOrder">The platform's order as the mirror stores it.</typeparam>
public sealed record CommandAnswer<TOrder>(CommandAnswerKind Kind, int? Status, string? Body, TOrder? Order, string? Reason)
    where TOrder : class;
