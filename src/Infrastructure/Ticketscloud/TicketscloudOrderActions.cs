using Qtickets.Sync.Domain.Accounts;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Commands;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Infrastructure.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// Ticketscloud's side of the command path. Our own commands of one order never overlap (the order's lock), so a
/// 409 means someone else's change is still being processed: it is waited out with back-off, and the caller never
/// sees it. A PATCH whose answer was lost is read back before it is sent again.
/// </summary>
public sealed partial class TicketscloudOrderActions(
    SyncDbContext db,
    NpgsqlDataSource dataSource,
    TicketscloudUpserter upserter,
    ITicketscloudCommandClient client,
    OrderCommandMetrics metrics,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<CommandOptions> options) : IOrderActionPlatform
{
    public string Platform => AccountPlatforms.Ticketscloud;

    public async Task<MirroredOrder?> LoadAsync(CommandAccount account, string orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!HexId().IsMatch(orderId))
        {
            return null;
        }
        var mirrored = await db.Set<TicketscloudOrderRow>().AsNoTracking()
            .Where(o => o.AccountId == account.Id && o.Id == orderId)
            .Select(o => new { o.Status, o.ObservedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (mirrored is not null)
        {
            return new MirroredOrder(new OrderFacts { Status = mirrored.Status }, mirrored.ObservedAt);
        }
        var fetched = await client.GetOrderAsync(account, orderId, cancellationToken);
        if (fetched is null)
        {
            return null;
        }
        await MirrorAsync(account, fetched, new ChangeOrigin(ChangeSources.Command, null), cancellationToken);
        return new MirroredOrder(new OrderFacts { Status = fetched.Status }, null);
    }

    public async Task RunAsync(CommandAccount account, OrderCommand command, OrderAction action, Func<CancellationToken, Task> save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(command);
        var settings = options.Value;
        var busy = 0;
        var lost = 0;
        string? lostReason = null;
        while (true)
        {
            command.Attempts++;
            command.UpdatedAt = time.GetUtcNow();
            await save(cancellationToken);
            var answer = await client.PatchAsync(account, command.OrderId, action, cancellationToken);
            metrics.Called(Platform, action.Kind, answer.Kind);
            command.Response = CommandResponses.Json(answer.Status, answer.Body);
            switch (answer.Kind)
            {
                case CommandAnswerKind.Applied:
                    var order = answer.Order ?? await client.GetOrderAsync(account, command.OrderId, cancellationToken);
                    if (order is not null)
                    {
                        await MirrorAsync(command, account, order, cancellationToken);
                    }
                    // Promo-code failures come inside a 200; after a lost attempt "already used" means that attempt applied it.
                    var failed = answer.Reason is { } reason && !(lost > 0 && AlreadyUsedOnly(reason));
                    await CommandResponses.SettleAsync(time, command, failed ? OrderCommandStates.Failed : OrderCommandStates.Succeeded,
                        lost > 0 && !failed && answer.Reason is not null ? OrderCommandResolutions.Fetch : OrderCommandResolutions.Answer,
                        failed ? answer.Reason : null, save, cancellationToken);
                    return;
                case CommandAnswerKind.Busy when busy < settings.BusyRetries:
                    busy++;
                    await Task.Delay(BackOff(settings.BusyRetryBaseDelay, busy), time, cancellationToken);
                    break;
                case CommandAnswerKind.Busy:
                    await CommandResponses.SettleAsync(time, command, OrderCommandStates.Failed, OrderCommandResolutions.Answer,
                        $"The order stayed busy (409) through {busy + 1} calls: {answer.Reason}", save, cancellationToken);
                    return;
                case CommandAnswerKind.Refused:
                    await CommandResponses.SettleAsync(time, command, OrderCommandStates.Failed, OrderCommandResolutions.Answer, answer.Reason, save, cancellationToken);
                    return;
                default:
                    lost++;
                    lostReason = answer.Reason;
                    if (await CheckedAsync(account, command, action, answer.Reason, save, cancellationToken))
                    {
                        return;
                    }
                    if (lost >= settings.MaxAttempts)
                    {
                        await CommandResponses.SettleAsync(time, command, OrderCommandStates.Failed, OrderCommandResolutions.Fetch,
                            $"No answer after {lost} call(s) ({lostReason}); the order, read back after each, shows the change did not happen.",
                            save, cancellationToken);
                        return;
                    }
                    break;
            }
        }
    }

    public async Task ResumeAsync(CommandAccount account, OrderCommand command, OrderAction action, Func<CancellationToken, Task> save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!await CheckedAsync(account, command, action, command.Error ?? "left running by an instance that stopped", save, cancellationToken))
        {
            await RunAsync(account, command, action, save, cancellationToken);
        }
    }

    /// <summary>Reads the order back after a lost answer (<see cref="CommandResponses.ReadBackAsync"/>); true when that settled the command.</summary>
    private Task<bool> CheckedAsync(
        CommandAccount account, OrderCommand command, OrderAction action, string? why, Func<CancellationToken, Task> save, CancellationToken cancellationToken)
    =>
        CommandResponses.ReadBackAsync(time, command, why, ct => client.GetOrderAsync(account, command.OrderId, ct), (order, ct) => MirrorAsync(command, account, order, ct),
            order => ActionEffects.VisibleIn(action, order), save, cancellationToken);

    private static bool AlreadyUsedOnly(string reason) =>
        reason.Split("; ").All(part => part.StartsWith("promocode_already_used", StringComparison.Ordinal));

    /// <summary>Exponential back-off with full jitter, so several waiting callers do not return in step.</summary>
    private static TimeSpan BackOff(TimeSpan baseDelay, int attempt) =>
        TimeSpan.FromTicks((long)(baseDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 6)) * (0.5 + (Random.Shared.NextDouble() / 2))));

    private async Task MirrorAsync(OrderCommand command, CommandAccount account, TicketscloudOrder order, CancellationToken cancellationToken)
    {
        var counts = await MirrorAsync(account, order, ChangeOrigin.OfCommand(command.Id), cancellationToken);
        command.OrderVersionAfter = order.ObservedAt;
        command.MirrorOutcome = counts switch
        {
            { Inserted: > 0 } => nameof(UpsertOutcome.Inserted),
            { Updated: > 0 } => nameof(UpsertOutcome.Updated),
            { Stale: > 0 } => nameof(UpsertOutcome.Stale),
            _ => nameof(UpsertOutcome.Duplicate),
        };
    }

    /// <summary>The returned order goes through the Ticketscloud mirror's one write path.</summary>
    private async Task<TicketscloudUpsertCounts> MirrorAsync(CommandAccount account, TicketscloudOrder order, ChangeOrigin origin, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await upserter.UpsertOrdersAsync(connection, null, account.Id, [order], origin, cancellationToken);
    }

    [GeneratedRegex("^[0-9a-f]{24}$")]
    private static partial Regex HexId();
}
