using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>
/// The one path by which an action reaches a platform. A request is checked (<see cref="OrderActionRules"/>),
/// matched against its idempotency key, serialized with every other command of its order (<see cref="OrderLock"/>),
/// checked against the order, stored in <c>order_commands</c> and only then sent; the order the platform returns
/// goes through the mirror's one write path.
/// </summary>
public sealed partial class OrderCommandService(
    SyncDbContext db,
    NpgsqlDataSource dataSource,
    IEnumerable<IOrderActionPlatform> platforms,
    ICommandAccounts accounts,
    OrderCommandMetrics metrics,
    TimeProvider time,
    IOptions<CommandOptions> options,
    ILogger<OrderCommandService> logger)
{
    public async Task<CommandResult> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var result = await DecideAsync(request, cancellationToken);
        metrics.Finished(request.Action.Kind, result, Stopwatch.GetElapsedTime(started));
        return result;
    }

    /// <summary>The commands of one order, newest first.</summary>
    public Task<List<OrderCommand>> ListAsync(int accountId, string orderId, int limit, CancellationToken cancellationToken) =>
        db.OrderCommands.AsNoTracking()
            .Where(c => c.AccountId == accountId && c.OrderId == orderId)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    private async Task<CommandResult> DecideAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var action = request.Action;
        var problems = OrderActionRules.Check(action);
        if (problems.Count > 0)
        {
            return new CommandResult.Invalid(problems);
        }
        if (await accounts.FindAsync(request.Account, cancellationToken) is not { } account)
        {
            return new CommandResult.AccountNotFound($"No account \"{request.Account}\".");
        }
        // Settled commands answer without waiting for the order's lock.
        if (await FindAsync(account, request, tracked: false, cancellationToken) is { } known
            && (known.RequestHash != request.RequestHash || OrderCommandStates.IsFinal(known.State)))
        {
            return Known(known, request);
        }
        if (OrderActionKinds.PlatformOf(action.Kind) != account.Platform)
        {
            return new CommandResult.Invalid([new("action",
                $"{action.Kind} is a {OrderActionKinds.PlatformOf(action.Kind)} action; account {account.Name} is on {account.Platform}.")]);
        }
        var platform = platforms.Single(p => p.Platform == account.Platform);
        await using var orderLock = await OrderLock.AcquireAsync(
            dataSource, account.Id, request.OrderId, options.Value.LockTimeout, cancellationToken);

        // Under the lock: whoever held it may have run this very key meanwhile.
        if (await FindAsync(account, request, tracked: true, cancellationToken) is { } existing)
        {
            if (existing.RequestHash != request.RequestHash || OrderCommandStates.IsFinal(existing.State))
            {
                return Known(existing, request);
            }
            LogResuming(logger, existing.Id, existing.State, existing.Action, existing.OrderId);
            await platform.ResumeAsync(account, existing, action, db.SaveChangesAsync, cancellationToken);
            return new CommandResult.Done(existing, Replayed: true);
        }

        var order = await platform.LoadAsync(account, request.OrderId, cancellationToken);
        if (order is null)
        {
            return new CommandResult.OrderNotFound($"{platform.Platform} has no order {request.OrderId} in account {request.Account}.");
        }
        problems = OrderActionRules.CheckAgainst(action, order.Facts);
        if (problems.Count > 0)
        {
            return new CommandResult.Invalid(problems);
        }

        var now = time.GetUtcNow();
        var command = new OrderCommand
        {
            AccountId = account.Id,
            Platform = platform.Platform,
            OrderId = request.OrderId,
            Action = action.Kind,
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = request.RequestHash,
            Request = request.RequestJson,
            RequestedBy = request.RequestedBy,
            State = OrderCommandStates.Running,
            OrderVersionBefore = order.Version,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.OrderCommands.Add(command);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same key taken at the same moment for another order (another lock): the first one keeps it.
            db.Entry(command).State = EntityState.Detached;
            return await FindAsync(account, request, tracked: false, cancellationToken) is { } winner
                ? Known(winner, request)
                : throw new InvalidOperationException("A unique violation on the idempotency key, yet no command holds it.", exception);
        }
        LogStarted(logger, command.Id, command.Action, command.Platform, command.OrderId, command.RequestedBy);
        await platform.RunAsync(account, command, action, db.SaveChangesAsync, cancellationToken);
        LogSettled(logger, command.Id, command.State, command.Attempts, command.Resolution, command.Error);
        return new CommandResult.Done(command, Replayed: false);
    }

    private static CommandResult Known(OrderCommand command, CommandRequest request) =>
        command.RequestHash == request.RequestHash ? new CommandResult.Done(command, Replayed: true) : new CommandResult.KeyReused(command);

    private Task<OrderCommand?> FindAsync(CommandAccount account, CommandRequest request, bool tracked, CancellationToken cancellationToken) =>
        (tracked ? db.OrderCommands : db.OrderCommands.AsNoTracking())
            .SingleOrDefaultAsync(c => c.AccountId == account.Id && c.IdempotencyKey == request.IdempotencyKey, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order command {CommandId} started: {Action} on {Platform} order {OrderId} by {RequestedBy}")]
    private static partial void LogStarted(ILogger logger, long commandId, string action, string platform, string orderId, string requestedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order command {CommandId} settled {State} after {Attempts} call(s), by {Resolution}: {Error}")]
    private static partial void LogSettled(ILogger logger, long commandId, string state, int attempts, string? resolution, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order command {CommandId} was left {State}; resolving {Action} on order {OrderId} before anything else")]
    private static partial void LogResuming(ILogger logger, long commandId, string state, string action, string orderId);
}
