using Qtickets.Sync.Domain.Commands;

namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>One request to act on an order, as the endpoint accepted it.</summary>
/// <param name="RequestJson">The canonical request (stored as jsonb).</param>
/// <param name="RequestHash">SHA-256 of the account, order and canonical request: what "the same request" means for a key.</param>
public sealed record CommandRequest(
    string Account,
    string OrderId,
    OrderAction Action,
    string RequestJson,
    string RequestHash,
    string IdempotencyKey,
    string RequestedBy);

/// <summary>What <see cref="OrderCommandService"/> made of a request.</summary>
public abstract record CommandResult
{
    private CommandResult()
    {
    }

    /// <summary>The command, run now (<paramref name="Replayed"/> false) or found under its key (true).</summary>
    public sealed record Done(OrderCommand Command, bool Replayed) : CommandResult;

    /// <summary>Refused before anything was sent: the action breaks a rule.</summary>
    public sealed record Invalid(IReadOnlyList<ActionProblem> Problems) : CommandResult;

    /// <summary>The key already names a command with a different request.</summary>
    public sealed record KeyReused(OrderCommand Existing) : CommandResult;

    /// <summary>There is no such account.</summary>
    public sealed record AccountNotFound(string Detail) : CommandResult;

    /// <summary>The platform has no such order (or the id cannot be one of its ids).</summary>
    public sealed record OrderNotFound(string Detail) : CommandResult;
}
