using Qtickets.Sync.Domain.Accounts;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Commands;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// QTickets' side of the command path. A write is sent once; when its answer is lost (timeout, 5xx, dropped
/// connection) the order is read back, and only an order that shows the action did not happen lets it be sent
/// again. A refund is therefore never repeated on a guess.
/// </summary>
public sealed class QticketsOrderActions(
    SyncDbContext db,
    NpgsqlDataSource dataSource,
    OrderUpserter upserter,
    IQticketsCommandClient client,
    OrderCommandMetrics metrics,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<CommandOptions> options) : IOrderActionPlatform
{
    public string Platform => AccountPlatforms.Qtickets;

    public async Task<MirroredOrder?> LoadAsync(CommandAccount account, string orderId, CancellationToken cancellationToken)
    {
        if (!long.TryParse(orderId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var mirrored = await db.Orders.AsNoTracking().Include(o => o.Baskets)
            .SingleOrDefaultAsync(o => o.AccountId == account.Id && o.Id == id, cancellationToken);
        if (mirrored is not null)
        {
            return new MirroredOrder(OrderFacts.Of(mirrored), mirrored.SourceUpdatedAt);
        }
        // Not mirrored yet (a webhook still on its way): the platform's own copy decides, and the mirror takes it.
        var fetched = await client.GetOrderAsync(account, id, cancellationToken);
        if (fetched is null)
        {
            return null;
        }
        await MirrorAsync(account, fetched, new ChangeOrigin(ChangeSources.Command, null), cancellationToken);
        return new MirroredOrder(OrderFacts.Of(fetched), null);
    }

    public async Task RunAsync(CommandAccount account, OrderCommand command, OrderAction action, Func<CancellationToken, Task> save, CancellationToken cancellationToken)
    {
        var id = long.Parse(command.OrderId, CultureInfo.InvariantCulture);
        string? lost = null;
        while (command.Attempts < options.Value.MaxAttempts)
        {
            command.Attempts++;
            command.UpdatedAt = time.GetUtcNow();
            await save(cancellationToken);

            var answer = await client.SendAsync(account, action, id, cancellationToken);
            metrics.Called(Platform, action.Kind, answer.Kind);
            command.Response = CommandResponses.Json(answer.Status, answer.Body);
            switch (answer.Kind)
            {
                case CommandAnswerKind.Applied:
                    var order = answer.Order ?? await client.GetOrderAsync(account, id, cancellationToken);
                    if (order is not null)
                    {
                        await MirrorAsync(account, command, order, cancellationToken);
                    }
                    await CommandResponses.SettleAsync(time, command, OrderCommandStates.Succeeded, OrderCommandResolutions.Answer, null, save, cancellationToken);
                    return;
                case CommandAnswerKind.Refused when lost is null:
                    await CommandResponses.SettleAsync(time, command, OrderCommandStates.Failed, OrderCommandResolutions.Answer, answer.Reason, save, cancellationToken);
                    return;
                default:
                    // Lost, busy, or refused after an earlier attempt lost its answer (that attempt may be why).
                    lost = answer.Reason;
                    if (await CheckedAsync(account, command, action, id, answer.Reason, save, cancellationToken))
                    {
                        return;
                    }
                    if (answer.Kind == CommandAnswerKind.Refused)
                    {
                        await CommandResponses.SettleAsync(time, command, OrderCommandStates.Failed, OrderCommandResolutions.Answer, answer.Reason, save, cancellationToken);
                        return;
                    }
                    break;
            }
        }
        await CommandResponses.SettleAsync(time, command, OrderCommandStates.Failed, OrderCommandResolutions.Fetch,
            $"No answer after {command.Attempts} call(s) ({lost}); the order, read back after each, shows the action did not happen.",
            save, cancellationToken);
    }

    public async Task ResumeAsync(CommandAccount account, OrderCommand command, OrderAction action, Func<CancellationToken, Task> save, CancellationToken cancellationToken)
    {
        var id = long.Parse(command.OrderId, CultureInfo.InvariantCulture);
        if (!await CheckedAsync(account, command, action, id, command.Error ?? "left running by an instance that stopped", save, cancellationToken))
        {
            await RunAsync(account, command, action, save, cancellationToken);
        }
    }

    /// <summary>Reads the order back after a lost answer (<see cref="CommandResponses.ReadBackAsync"/>); true when that settled the command.</summary>
    private Task<bool> CheckedAsync(
        CommandAccount account, OrderCommand command, OrderAction action, long id, string? why, Func<CancellationToken, Task> save, CancellationToken cancellationToken)
    =>
        CommandResponses.ReadBackAsync(time, command, why, ct => client.GetOrderAsync(account, id, ct), (order, ct) => MirrorAsync(account, command, order, ct),
            order => ActionEffects.VisibleIn(action, order), save, cancellationToken);

    private async Task MirrorAsync(CommandAccount account, OrderCommand command, Order order, CancellationToken cancellationToken)
    {
        var outcome = await MirrorAsync(account, order, ChangeOrigin.OfCommand(command.Id), cancellationToken);
        command.OrderVersionAfter = order.SourceUpdatedAt;
        command.MirrorOutcome = outcome.ToString();
    }

    /// <summary>The returned order goes through the one write path, so the mirror and daily sales follow at once.</summary>
    private async Task<UpsertOutcome> MirrorAsync(CommandAccount account, Order order, ChangeOrigin origin, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var result = await upserter.UpsertAsync(connection, null, account.Id, [order], OrderSources.Command, origin, cancellationToken);
        return result.Orders.Single().Outcome;
    }
}
