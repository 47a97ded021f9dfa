using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Commands;

namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>One platform's side of the command path: reading an order's facts and carrying out an action.</summary>
public interface IOrderActionPlatform
{
    /// <summary>One of <see cref="Domain.Accounts.AccountPlatforms"/>.</summary>
    string Platform { get; }

    /// <summary>
    /// The order as the mirror holds it (read from the platform and upserted first when it is not mirrored yet);
    /// null when the platform has no such order.
    /// </summary>
    Task<MirroredOrder?> LoadAsync(CommandAccount account, string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// Carries out <paramref name="action"/>, settling <paramref name="command"/> (state, attempts, response, mirror
    /// link) and saving it through <paramref name="save"/> after every attempt. Called with the order's lock held.
    /// </summary>
    Task RunAsync(CommandAccount account, OrderCommand command, OrderAction action, Func<CancellationToken, Task> save, CancellationToken cancellationToken);

    /// <summary>
    /// Settles a command left <c>running</c> or <c>unknown</c> (its runner died or lost the answer): reads the order
    /// and, when the action shows, marks it succeeded; otherwise runs it again only where that is safe.
    /// </summary>
    Task ResumeAsync(CommandAccount account, OrderCommand command, OrderAction action, Func<CancellationToken, Task> save, CancellationToken cancellationToken);
}

/// <summary>An order's facts for the rules and the mirror version it was read at.</summary>
public sealed record MirroredOrder(OrderFacts Facts, DateTimeOffset? Version);
