using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// Applies pending inbox rows to the mirror, a batch at a time: the orders go through <see cref="OrderUpserter"/>
/// (which decides between several payloads of one order and keeps an older one from overwriting a newer one, and
/// tells each delivery its outcome) in the same transaction that marks
/// the deliveries applied, so a delivery is applied exactly when its row says so. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so any number of instances may run this at once. A batch may hold several
/// accounts' deliveries: each order is written under the account its delivery came for, read (or fetched back)
/// by that account's platform (<see cref="IWebhookPlatform"/>).
/// </summary>
public sealed partial class WebhookApplier(
    NpgsqlDataSource dataSource,
    OrderUpserter upserter,
    AccountDirectory accounts,
    WebhookPlatforms platforms,
    IOptions<WebhookOptions> webhookOptions,
    WebhookMetrics metrics,
    InboxPressure pressure,
    TimeProvider time,
    ILogger<WebhookApplier> logger)
{
    // Two index range scans on (status, id), not one scan with an OR: that would wade through every applied row
    // in front of the first pending one, and applied rows are nearly all of the table. Each asks for the order of
    // that index, (status, id), with a status the planner cannot fold into a constant (= ANY): asked for id order
    // alone, it walked the primary key and filtered on status whenever the statistics dated from a burst, when
    // nearly every row was pending; once the backlog was applied, each pick read the whole table (118 ms at
    // 90,000 deliveries) until the next ANALYZE.
    private const string PickSql = """
        WITH pending AS (
            SELECT id, body, received_at, order_id, apply_outcome, account_id FROM webhook_deliveries
            WHERE status = ANY ('{pending}')
            ORDER BY status, id
            LIMIT @limit
            FOR UPDATE SKIP LOCKED
        ),
        due AS (
            SELECT id, body, received_at, order_id, apply_outcome, account_id FROM webhook_deliveries
            WHERE status = ANY ('{failed}') AND attempts < @max_attempts
              AND processed_at + @retry_base * power(2, greatest(attempts - 1, 0)) <= @now
            ORDER BY status, id
            LIMIT @limit
            FOR UPDATE SKIP LOCKED
        )
        SELECT * FROM pending
        UNION ALL
        SELECT * FROM due
        """;

    // One delivery on its own, when a batch had to be split to find the one that broke it.
    private const string PickOneSql = """
        SELECT id, body, received_at, order_id, apply_outcome, account_id FROM webhook_deliveries
        WHERE id = @id AND status IN ('pending', 'failed')
        FOR UPDATE SKIP LOCKED
        """;

    private const string MarkSql = """
        UPDATE webhook_deliveries d
        SET status = u.status, apply_outcome = u.outcome, reason = u.reason, processed_at = @now, attempts = d.attempts + 1
        FROM unnest(@ids, @statuses, @outcomes, @reasons) AS u(id, status, outcome, reason)
        WHERE d.id = u.id
        """;

    /// <summary>The mark an operator's release leaves on a quarantined delivery: apply it whatever its stamp.</summary>
    public const string ReleasedOutcome = "released";

    private readonly WebhookOptions options = webhookOptions.Value;

    /// <summary>
    /// Applies everything due now, batch after batch, giving way to a crowded inbox before each. A first batch that
    /// comes back full means a backlog: it is then worked off by <c>Webhooks:ApplyConcurrency</c> batches at a time,
    /// so that one batch's statements run in PostgreSQL while another's bodies are read here (one loop leaves one of
    /// the two sides idle at any moment). Concurrent batches are safe as those of several instances are: rows are
    /// claimed with SKIP LOCKED and orders locked in id order.
    /// </summary>
    /// <returns>How many deliveries were applied (stale and unchanged ones included).</returns>
    public async Task<int> ApplyPendingAsync(CancellationToken cancellationToken)
    {
        var (applied, backlog) = await ApplyNextAsync(cancellationToken);
        if (backlog)
        {
            var drained = await Task.WhenAll(Enumerable.Range(0, options.ApplyConcurrency).Select(_ => DrainAsync(cancellationToken)));
            applied += drained.Sum();
        }
        if (options.AnalyzeAfterBacklog > 0 && applied >= options.AnalyzeAfterBacklog)
        {
            await AnalyzeAsync(applied, cancellationToken);
        }
        return applied;
    }

    private async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        while (true)
        {
            var (batch, full) = await ApplyNextAsync(cancellationToken);
            applied += batch;
            if (!full)
            {
                return applied;
            }
        }
    }

    /// <summary>One batch, after giving way to a crowded inbox; whether it was full (more are likely waiting).</summary>
    private async Task<(int Applied, bool Full)> ApplyNextAsync(CancellationToken cancellationToken)
    {
        var waited = await pressure.YieldAsync(cancellationToken);
        if (waited > TimeSpan.Zero)
        {
            metrics.Yielded(waited);
        }
        var batch = await ApplyBatchAsync(null, cancellationToken);
        var applied = batch.Applied;
        if (batch.Broken is { } broken)
        {
            applied += await ApplyOneByOneAsync(broken.Picked, broken.Error, cancellationToken);
        }
        return (applied, batch.Picked >= options.ApplyBatchSize);
    }

    /// <summary>
    /// A backlog worked off turns the table from mostly pending into mostly applied within seconds, while the
    /// statistics still describe the backlog until autovacuum's next ANALYZE. Plans made on them count the pending
    /// rows with a parallel scan of the whole table (the status page and every alert evaluation: 300 ms on both
    /// cores of a small box, at 90,000 deliveries) instead of a few index entries. Only the status column is
    /// analysed: it is what those plans hinge on, and the bodies made a full ANALYZE four times as long (300 ms
    /// against 75–100 ms at 24,000 deliveries); autovacuum still analyses the whole table in its own time.
    /// </summary>
    private async Task AnalyzeAsync(int applied, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("ANALYZE webhook_deliveries (status)");
            await command.ExecuteNonQueryAsync(cancellationToken);
            LogAnalyzed(logger, applied);
        }
        catch (NpgsqlException exception)
        {
            // Only the plans wait for autovacuum then; the deliveries are applied either way.
            LogAnalyzeFailed(logger, exception, applied);
        }
    }

    /// <summary>
    /// A batch failed as a whole (an exception nobody foresaw, a connection the bad row broke): its deliveries
    /// go again one transaction each, so only the culprit fails and every other one is applied now, not later.
    /// </summary>
    private async Task<int> ApplyOneByOneAsync(IReadOnlyList<PickedDelivery> picked, Exception batchError, CancellationToken cancellationToken)
    {
        LogBatchSplit(logger, batchError, picked.Count);
        var applied = 0;
        foreach (var delivery in picked)
        {
            if (picked.Count == 1)
            {
                await MarkFailedAloneAsync(delivery.Id, Describe(batchError), cancellationToken);
                continue;
            }
            var single = await ApplyBatchAsync(delivery.Id, cancellationToken);
            applied += single.Applied;
            if (single.Broken is { } broken)
            {
                await MarkFailedAloneAsync(delivery.Id, Describe(broken.Error), cancellationToken);
            }
        }
        return applied;
    }

    private async Task MarkFailedAloneAsync(long id, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await MarkAsync(connection, transaction, new Dictionary<long, ApplyResult> { [id] = ApplyResult.Failed(reason) }, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogFailed(logger, null, reason);
    }

    private static string Describe(Exception exception) => exception switch
    {
        PostgresException postgres => $"apply failed: {postgres.MessageText}",
        _ => $"apply failed: {exception.GetType().Name}: {exception.Message}",
    };

    private async Task<BatchResult> ApplyBatchAsync(long? onlyId, CancellationToken cancellationToken)
    {
        List<PickedDelivery>? picked = null;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            picked = await PickAsync(connection, transaction, onlyId, cancellationToken);
            if (picked.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken);
                return new BatchResult(0, 0, null);
            }
            var results = await ApplyPickedAsync(connection, transaction, picked, cancellationToken);
            var now = time.GetUtcNow();
            await MarkAsync(connection, transaction, results, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Report(picked, results, now, time.GetUtcNow());
            return new BatchResult(picked.Count, results.Values.Count(r => r.Status == DeliveryStatuses.Applied), null);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && picked is { Count: > 0 })
        {
            // The transaction is gone (rolled back on dispose), and with it the row locks: the rows are as they were.
            return new BatchResult(picked.Count, 0, new BrokenBatch(picked, exception));
        }
    }

    private async Task<Dictionary<long, ApplyResult>> ApplyPickedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PickedDelivery> picked, CancellationToken cancellationToken)
    {
        var results = new Dictionary<long, ApplyResult>(picked.Count);
        var fromBodies = new List<Candidate>(picked.Count);
        var toFetch = new List<PickedDelivery>();
        var byId = (await accounts.GetAllAsync(cancellationToken)).ToDictionary(a => a.Id);
        foreach (var delivery in picked)
        {
            try
            {
                if (!byId.TryGetValue(delivery.AccountId, out var account))
                {
                    results[delivery.Id] = ApplyResult.Failed($"account #{delivery.AccountId} is no longer configured");
                    continue;
                }
                if (platforms.Find(account.Platform) is not { } platform)
                {
                    // A row a reconcile of a platform without webhooks set aside: that reconcile lists it again, the applier cannot read it.
                    results[delivery.Id] = ApplyResult.Failed($"a {account.Platform} row is applied by its account's reconcile, not by the inbox; discard it once the mirror has it");
                    continue;
                }
                if (platform.FetchesBack(account))
                {
                    toFetch.Add(delivery);
                    continue;
                }
                var body = platform.Read(delivery.Body);
                if (body.Unreadable is { } reason)
                {
                    results[delivery.Id] = ApplyResult.Failed(reason);
                }
                else if (body.Order is { } order)
                {
                    fromBodies.Add(new Candidate(delivery, order));
                }
                else
                {
                    toFetch.Add(delivery);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                results[delivery.Id] = ApplyResult.Failed($"body cannot be parsed: {exception.Message}");
            }
        }
        var fetched = await FetchAsync(toFetch, byId, results, cancellationToken);
        var now = time.GetUtcNow();

        // Every delivery of one order goes or fails together: should the server refuse the data (a NUL in a name,
        // say), only that order's deliveries fail, and the rest of the batch is applied in the same transaction.
        List<OrderDeliveries> orders =
        [
            .. fromBodies.GroupBy(c => (c.Delivery.AccountId, c.Order.Id)).Select(g => new OrderDeliveries(OrderSources.Webhook, [.. g])),
            .. fetched.GroupBy(c => (c.Delivery.AccountId, c.Order.Id)).Select(g => new OrderDeliveries(OrderSources.Fetch, [.. g])),
        ];
        await RefusalIsolation.WriteAsync(
            transaction,
            orders,
            async some =>
            {
                foreach (var source in some.GroupBy(o => o.Source))
                {
                    await UpsertAsync(connection, transaction, [.. source.SelectMany(o => o.Candidates)], source.Key, byId, now, results, cancellationToken);
                }
                return some.Count;
            },
            (order, refusal) =>
            {
                foreach (var candidate in order.Candidates)
                {
                    results[candidate.Delivery.Id] = ApplyResult.Failed($"apply failed: {RefusalIsolation.Describe(refusal)}");
                }
                return Task.CompletedTask;
            },
            cancellationToken);
        return results;
    }

    private async Task<List<PickedDelivery>> PickAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long? onlyId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(onlyId is null ? PickSql : PickOneSql, connection, transaction);
        if (onlyId is { } id)
        {
            command.Parameters.Add(new NpgsqlParameter("id", id));
        }
        else
        {
            command.Parameters.Add(new NpgsqlParameter("max_attempts", options.MaxApplyAttempts));
            command.Parameters.Add(new NpgsqlParameter("retry_base", NpgsqlDbType.Interval) { Value = options.RetryBaseDelay });
            command.Parameters.Add(new NpgsqlParameter("now", time.GetUtcNow().ToUniversalTime()));
            command.Parameters.Add(new NpgsqlParameter("limit", options.ApplyBatchSize));
        }
        var picked = new List<PickedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            picked.Add(new PickedDelivery(
                reader.GetInt64(0),
                await BodyAsync(reader, cancellationToken),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                !reader.IsDBNull(4) && reader.GetString(4) == ReleasedOutcome,
                reader.GetInt32(5)));
        }
        return picked;
    }

    /// <summary>
    /// The stored body as the UTF-8 bytes the server sent, read once: no string is decoded only to be encoded
    /// again for the parser.
    /// </summary>
    private static async Task<byte[]> BodyAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await using var stream = await reader.GetStreamAsync(1, cancellationToken);
        var body = new byte[stream.Length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return body;
    }

    /// <summary>
    /// The webhook taken as a notice only: the order as the account's API has it now (QTickets'
    /// <c>GET /orders/{id}</c>). One request per order, however many of its deliveries are in the batch.
    /// </summary>
    private async Task<List<Candidate>> FetchAsync(
        List<PickedDelivery> deliveries, Dictionary<int, SyncAccount> byId, Dictionary<long, ApplyResult> results, CancellationToken cancellationToken)
    {
        var fetched = new List<Candidate>(deliveries.Count);
        // Typed clients are transient (their handlers rotate); the applier is a singleton, so it asks for one per batch.
        var accountFetches = new Dictionary<int, FetchOrder>();
        foreach (var group in deliveries.GroupBy(d => (d.AccountId, d.OrderId)))
        {
            if (!accountFetches.TryGetValue(group.Key.AccountId, out var fetch))
            {
                var account = byId[group.Key.AccountId];
                accountFetches[group.Key.AccountId] = fetch = PlatformOf(account).OrderFetch(account);
            }
            if (group.Key.OrderId is not { } orderId)
            {
                foreach (var delivery in group)
                {
                    results[delivery.Id] = ApplyResult.Failed("order id is missing");
                }
                continue;
            }
            string? failure;
            Order? order = null;
            try
            {
                order = await fetch(orderId, cancellationToken);
                failure = order is null ? $"order {orderId} was not found upstream" : null;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"fetching order {orderId} failed: {exception.Message}";
            }
            foreach (var delivery in group)
            {
                if (order is null)
                {
                    results[delivery.Id] = ApplyResult.Failed(failure!);
                }
                else
                {
                    fetched.Add(new Candidate(delivery, order));
                }
            }
        }
        return fetched;
    }

    private async Task UpsertAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        List<Candidate> candidates,
        string source,
        Dictionary<int, SyncAccount> byId,
        DateTimeOffset now,
        Dictionary<long, ApplyResult> results,
        CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return;
        }
        // Several deliveries of one order may share the batch: the statement decides which payload is written and
        // tells each delivery its own outcome (the others were overtaken, brought the very same payload, or are
        // stamped too far ahead to be believed: FutureStamp, decided by the statement against the horizon). A delivery
        // an operator released is believed whatever its stamp.
        foreach (var account in candidates.GroupBy(c => (c.Delivery.AccountId, c.Delivery.Released)))
        {
            List<Candidate> rows = [.. account];
            var maxSkew = PlatformOf(byId[account.Key.AccountId]).MaxFutureSkew;
            DateTimeOffset? horizon = account.Key.Released ? null : FutureStamp.Horizon(now, maxSkew);
            // Each order's history names the delivery that brought it, whether its body or the order fetched for it.
            var origin = new ChangeOrigin(ChangeSources.Webhook, null)
            {
                IdPerRow = [.. rows.Select(c => (c.Order.Id.ToString(CultureInfo.InvariantCulture), c.Delivery.Id.ToString(CultureInfo.InvariantCulture)))],
            };
            var upserted = await upserter.UpsertAsync(
                connection, transaction, account.Key.AccountId, [.. rows.Select(c => c.Order)], source, origin, horizon, cancellationToken);
            for (var i = 0; i < rows.Count; i++)
            {
                results[rows[i].Delivery.Id] = upserted.Orders[i].Outcome == UpsertOutcome.Quarantined
                    ? ApplyResult.Quarantined(FutureStamp.Reason(rows[i].Order.SourceUpdatedAt, now, maxSkew))
                    : ApplyResult.Applied(upserted.Orders[i].Outcome);
            }
        }
    }

    private static async Task MarkAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        Dictionary<long, ApplyResult> results,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(MarkSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = results.Keys.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = results.Values.Select(r => r.Status).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("outcomes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = results.Values.Select(r => r.Outcome).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = results.Values.Select(r => r.Reason).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("now", now.ToUniversalTime()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Report(List<PickedDelivery> picked, Dictionary<long, ApplyResult> results, DateTimeOffset now, DateTimeOffset committed)
    {
        foreach (var delivery in picked)
        {
            var result = results[delivery.Id];
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["DeliveryId"] = delivery.Id });
            if (result.Status == DeliveryStatuses.Applied)
            {
                metrics.Applied(now - delivery.ReceivedAt);
                metrics.ApplyCommitted(committed - delivery.ReceivedAt);
                LogApplied(logger, delivery.OrderId, result.Outcome!);
            }
            else if (result.Status == DeliveryStatuses.Quarantined)
            {
                LogQuarantined(logger, delivery.OrderId, result.Reason!);
            }
            else
            {
                LogFailed(logger, delivery.OrderId, result.Reason!);
            }
        }
    }

    /// <summary>The platform of an account whose deliveries got this far: only a platform's own are read or fetched.</summary>
    private IWebhookPlatform PlatformOf(SyncAccount account) =>
        platforms.Find(account.Platform) ?? throw new InvalidOperationException($"{account.Platform} accounts take no webhooks.");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook delivery applied to order {OrderId}: {Outcome}")]
    private static partial void LogApplied(ILogger logger, long? orderId, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery for order {OrderId} could not be applied: {Reason}")]
    private static partial void LogFailed(ILogger logger, long? orderId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery for order {OrderId} quarantined: {Reason}")]
    private static partial void LogQuarantined(ILogger logger, long? orderId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} webhook deliveries failed as a whole; applying them one by one")]
    private static partial void LogBatchSplit(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysed webhook_deliveries after working off a backlog of {Applied} deliveries")]
    private static partial void LogAnalyzed(ILogger logger, int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not analyse webhook_deliveries after a backlog of {Applied} deliveries; autovacuum will")]
    private static partial void LogAnalyzeFailed(ILogger logger, Exception exception, int applied);

    private sealed record PickedDelivery(long Id, byte[] Body, DateTimeOffset ReceivedAt, long? OrderId, bool Released, int AccountId);

    private sealed record BrokenBatch(List<PickedDelivery> Picked, Exception Error);

    private sealed record BatchResult(int Picked, int Applied, BrokenBatch? Broken);

    private sealed record Candidate(PickedDelivery Delivery, Order Order);

    /// <summary>The deliveries of one order in a batch, by the source its payload came from: written or refused together.</summary>
    private sealed record OrderDeliveries(string Source, List<Candidate> Candidates);

    private sealed record ApplyResult(string Status, string? Outcome, string? Reason)
    {
        public static ApplyResult Applied(UpsertOutcome outcome) =>
            new(DeliveryStatuses.Applied, outcome.ToString().ToLowerInvariant(), null);

        public static ApplyResult Failed(string reason) => new(DeliveryStatuses.Failed, null, reason);

        public static ApplyResult Quarantined(string reason) => new(DeliveryStatuses.Quarantined, null, reason);
    }
}
