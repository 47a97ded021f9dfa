using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Api.Health;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>Collects the sync facts in one round trip and judges them against <see cref="SyncHealthOptions"/>.</summary>
/// <remarks>With several accounts, an account that is not trustworthy makes the whole answer untrustworthy, its reasons prefixed with its name.</remarks>
public sealed class SyncStatusReader(
    NpgsqlDataSource dataSource,
    AccountStatusReader accountStatus,
    ReadReplicaStatusReader replica,
    TimeProvider time,
    IOptions<SyncHealthOptions> options)
{
    public Task<SyncStatusDto> ReadAsync(CancellationToken cancellationToken) => ReadAsync(AccountFilter.All, cancellationToken);

    /// <summary>The status over <paramref name="accounts"/> only: a key limited to some accounts learns nothing of the others.</summary>
    public async Task<SyncStatusDto> ReadAsync(AccountFilter accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var now = time.GetUtcNow();
        var perAccount = (await accountStatus.ReadAsync(now, cancellationToken)).Where(a => accounts.Includes(a.AccountId)).ToList();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("""
            SELECT (SELECT max(received_at) FROM webhook_deliveries WHERE ($9::integer[] IS NULL OR account_id = ANY($9))),
                   (SELECT processed_at FROM webhook_deliveries WHERE status = $1 AND ($9::integer[] IS NULL OR account_id = ANY($9)) ORDER BY id DESC LIMIT 1),
                   (SELECT count(*) FROM webhook_deliveries WHERE status = $2 AND ($9::integer[] IS NULL OR account_id = ANY($9))),
                   (SELECT min(received_at) FROM webhook_deliveries WHERE status = $2 AND ($9::integer[] IS NULL OR account_id = ANY($9))),
                   (SELECT count(*) FROM webhook_deliveries WHERE status = $3 AND ($9::integer[] IS NULL OR account_id = ANY($9))),
                   (SELECT min(s.watermark) FROM sync_state s JOIN accounts a ON a.id = s.account_id AND a.enabled WHERE s.key = $4 AND ($9::integer[] IS NULL OR s.account_id = ANY($9))),
                   (SELECT coalesce(sum(gaps_healed), 0) FROM sync_runs WHERE started_at >= $5 AND ($9::integer[] IS NULL OR account_id = ANY($9))),
                   (SELECT status FROM sync_runs WHERE kind = $6 AND ($9::integer[] IS NULL OR account_id = ANY($9)) ORDER BY started_at DESC, id DESC LIMIT 1),
                   (SELECT min(received_at) FROM webhook_deliveries WHERE status = $3 AND ($9::integer[] IS NULL OR account_id = ANY($9))),
                   (SELECT count(*) FROM webhook_deliveries WHERE status = $7 AND ($9::integer[] IS NULL OR account_id = ANY($9))),
                   (SELECT count(*) FROM webhook_deliveries WHERE status = $8 AND ($9::integer[] IS NULL OR account_id = ANY($9))),
                   (SELECT coalesce(sum(orders_refreshed), 0) FROM sync_runs WHERE started_at >= $5 AND ($9::integer[] IS NULL OR account_id = ANY($9)))
            """,
            Text(DeliveryStatuses.Applied), Text(DeliveryStatuses.Pending), Text(DeliveryStatuses.Failed),
            Text(SyncStateKeys.OrdersWatermark),
            new NpgsqlParameter { Value = now.AddHours(-24).ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz },
            Text(SyncRunKinds.Incremental), Text(DeliveryStatuses.Dead), Text(DeliveryStatuses.Quarantined), accounts.Parameter()));
        batch.BatchCommands.Add(Command("""
            SELECT (SELECT server_paid_filter FROM sync_runs WHERE server_paid_filter IS NOT NULL AND ($1::integer[] IS NULL OR account_id = ANY($1)) ORDER BY id DESC LIMIT 1),
                   (SELECT server_updated_filter FROM sync_runs WHERE server_updated_filter IS NOT NULL AND ($1::integer[] IS NULL OR account_id = ANY($1)) ORDER BY id DESC LIMIT 1),
                   (SELECT server_order FROM sync_runs WHERE server_order IS NOT NULL AND ($1::integer[] IS NULL OR account_id = ANY($1)) ORDER BY id DESC LIMIT 1),
                   (SELECT server_page_size FROM sync_runs WHERE server_page_size IS NOT NULL AND ($1::integer[] IS NULL OR account_id = ANY($1)) ORDER BY id DESC LIMIT 1)
            """, accounts.Parameter()));
        batch.BatchCommands.Add(Command("""
            SELECT kind, max(finished_at) FROM sync_runs WHERE status = $1 AND finished_at IS NOT NULL AND ($2::integer[] IS NULL OR account_id = ANY($2)) GROUP BY kind
            """, Text(SyncRunStatuses.Succeeded), accounts.Parameter()));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var webhooks = new WebhookStatusDto
        {
            LastReceivedAt = OrderRows.Instant(reader, 0),
            LastAppliedAt = OrderRows.Instant(reader, 1),
            LagSeconds = Seconds(now, OrderRows.Instant(reader, 1)),
            Pending = reader.GetInt64(2),
            OldestPendingReceivedAt = OrderRows.Instant(reader, 3),
            Failed = reader.GetInt64(4),
            OldestFailedReceivedAt = OrderRows.Instant(reader, 8),
            Dead = reader.GetInt64(9),
            Quarantined = reader.GetInt64(10),
        };
        var watermark = OrderRows.Instant(reader, 5);
        var gaps = reader.GetInt64(6);
        var refreshed = reader.GetInt64(11);
        var lastIncrementalStatus = OrderRows.Text(reader, 7);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var upstream = new UpstreamBehaviourDto
        {
            PaidFilter = OrderRows.Text(reader, 0),
            UpdatedFilter = OrderRows.Text(reader, 1),
            Order = OrderRows.Text(reader, 2),
            PageSize = reader.IsDBNull(3) ? null : reader.GetInt32(3),
        };
        await reader.NextResultAsync(cancellationToken);
        var lastSucceeded = new SortedDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            lastSucceeded[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }
        var reconcile = new ReconcileStatusDto
        {
            Watermark = watermark,
            WatermarkLagSeconds = Seconds(now, watermark),
            LastSucceeded = lastSucceeded,
            LastIncrementalStatus = lastIncrementalStatus,
            GapsHealedLast24Hours = gaps,
            OrdersRefreshedLast24Hours = refreshed,
            Upstream = upstream,
        };
        var readReplica = await replica.ReadAsync(cancellationToken);
        var reasons = Judge(now, webhooks, reconcile);
        if (Judge(readReplica) is { } replicaReason)
        {
            reasons.Add(replicaReason);
        }
        if (perAccount.Count > 1)
        {
            // Over all accounts, a failing one hides behind the others' successes: say which and why.
            reasons.AddRange(perAccount.Where(a => a.Enabled).SelectMany(a => a.Reasons.Select(r => $"Account '{a.Account}': {r}")));
        }
        return new SyncStatusDto
        {
            Trustworthy = reasons.Count == 0, Reasons = reasons, Now = now, Webhooks = webhooks, Reconcile = reconcile, Accounts = perAccount,
            ReadReplica = readReplica,
        };
    }

    private List<string> Judge(DateTimeOffset now, WebhookStatusDto webhooks, ReconcileStatusDto reconcile)
    {
        var limits = options.Value;
        var reasons = new List<string>();
        if (!reconcile.LastSucceeded.TryGetValue(SyncRunKinds.Incremental, out var lastIncremental))
        {
            reasons.Add("No incremental reconcile has succeeded yet.");
        }
        else if (now - lastIncremental > limits.MaxReconcileAge)
        {
            reasons.Add($"The last successful incremental reconcile finished {Age(now - lastIncremental)} ago (limit {Age(limits.MaxReconcileAge)}).");
        }
        if (reconcile.LastIncrementalStatus == SyncRunStatuses.Failed)
        {
            reasons.Add("The most recent incremental reconcile failed.");
        }
        if (webhooks.Failed > 0)
        {
            reasons.Add($"{webhooks.Failed} webhook deliveries failed to apply.");
        }
        if (webhooks.Quarantined > 0)
        {
            reasons.Add($"{webhooks.Quarantined} webhook deliveries are quarantined (stamped too far in the future).");
        }
        if (webhooks.OldestPendingReceivedAt is { } oldest && now - oldest > limits.MaxPendingDeliveryAge)
        {
            reasons.Add($"{webhooks.Pending} webhook deliveries are waiting to be applied, the oldest for {Age(now - oldest)}.");
        }
        return reasons;
    }

    /// <summary>Why reads from the replica may be stale, if they may.</summary>
    private string? Judge(ReadReplicaStatusDto? replica)
    {
        var limit = options.Value.MaxReplicaLag;
        return replica switch
        {
            null => null,
            { State: ReadReplicaStates.Unreachable } => $"The read replica does not answer ({replica.Error}); the read API cannot serve orders.",
            { State: ReadReplicaStates.NotAReplica } => "ConnectionStrings:PostgresReadOnly names a server that is not a replica: the read API reads a database the service does not write.",
            { State: ReadReplicaStates.Paused } => "Replay is paused on the read replica: the read API serves data from the moment it was paused.",
            { LagSeconds: { } lag } when lag > limit.TotalSeconds =>
                $"The read replica is {Age(TimeSpan.FromSeconds(lag))} behind the primary (limit {Age(limit)}): the read API serves older data.",
            _ => null,
        };
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static double? Seconds(DateTimeOffset now, DateTimeOffset? then) => AccountStatusReader.Seconds(now, then);

    private static string Age(TimeSpan age) => AccountStatusReader.Age(age);
}
