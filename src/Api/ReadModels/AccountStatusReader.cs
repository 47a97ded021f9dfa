using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Api.Health;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Each configured account's sync, judged on its own: one account whose token is rejected, or whose run waits for
/// a worker, is named with its reason while the others stay trustworthy. One query for all accounts, plus
/// Hangfire's schedule for lateness. The last audit's verdict is reported, not judged: a difference is for a person
/// to look at (and heal), not a reason to distrust the sync.
/// </summary>
public sealed class AccountStatusReader(
    NpgsqlDataSource dataSource,
    AccountDirectory accounts,
    RecurringJobClock clock,
    IEnumerable<IAccountRecurringJobs> platformJobs,
    IOptions<JobsOptions> jobs,
    IOptions<SyncHealthOptions> options)
{
    private const string Sql = """
        SELECT a.name,
               (SELECT s.watermark FROM sync_state s WHERE s.account_id = a.id AND s.key = $2),
               last.status, last.started_at,
               (SELECT r.finished_at FROM sync_runs r
                WHERE r.account_id = a.id AND r.kind = $3 AND r.status = $4
                ORDER BY r.started_at DESC, r.id DESC LIMIT 1),
               (SELECT r.error FROM sync_runs r WHERE r.account_id = a.id AND r.status = $5 ORDER BY r.id DESC LIMIT 1),
               coalesce(d.pending, 0), coalesce(d.failed, 0), d.oldest_pending,
               (SELECT s.checkpoint::text FROM sync_state s WHERE s.account_id = a.id AND s.key = $8),
               audit.run_id, audit.verdict, audit.differences, audit.finished_at, a.created_at
        FROM accounts a
        LEFT JOIN LATERAL (
            SELECT r.status, r.started_at FROM sync_runs r
            WHERE r.account_id = a.id AND r.kind = $3 AND r.status <> $6
            ORDER BY r.started_at DESC, r.id DESC LIMIT 1) last ON true
        LEFT JOIN (
            SELECT account_id, count(*) FILTER (WHERE status = $7) AS pending, count(*) FILTER (WHERE status = $5) AS failed,
                   min(received_at) FILTER (WHERE status = $7) AS oldest_pending
            FROM webhook_deliveries WHERE status IN ($7, $5) GROUP BY account_id) d ON d.account_id = a.id
        LEFT JOIN LATERAL (
            SELECT ar.run_id, ar.verdict, ar.differences, r.finished_at
            FROM audit_results ar JOIN sync_runs r ON r.id = ar.run_id
            WHERE ar.account_id = a.id ORDER BY ar.run_id DESC LIMIT 1) audit ON true
        WHERE a.name = ANY($1)
        """;

    public async Task<IReadOnlyList<AccountSyncStatusDto>> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var configured = await accounts.GetAllAsync(cancellationToken);
        var facts = new Dictionary<string, Facts>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand(Sql))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = configured.Select(a => a.Name).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(Text(SyncStateKeys.OrdersWatermark));
            command.Parameters.Add(Text(SyncRunKinds.Incremental));
            command.Parameters.Add(Text(SyncRunStatuses.Succeeded));
            command.Parameters.Add(Text(SyncRunStatuses.Failed));
            command.Parameters.Add(Text(SyncRunStatuses.Queued));
            command.Parameters.Add(Text(DeliveryStatuses.Pending));
            command.Parameters.Add(Text(SyncStateKeys.InitialLoad));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                facts[reader.GetString(0)] = new Facts(
                    OrderRows.Instant(reader, 1), OrderRows.Text(reader, 2), OrderRows.Instant(reader, 3), OrderRows.Instant(reader, 4),
                    OrderRows.Text(reader, 5), reader.GetInt64(6), reader.GetInt64(7), OrderRows.Instant(reader, 8),
                    reader.IsDBNull(9) ? null : InitialLoadStore.Parse(reader.GetString(9)),
                    reader.IsDBNull(10) ? null : new LastAuditDto
                    {
                        RunId = reader.GetInt64(10), Verdict = reader.GetString(11), Differences = reader.GetInt32(12),
                        FinishedAt = OrderRows.Instant(reader, 13),
                    },
                    OrderRows.Instant(reader, 14));
            }
        }
        // Each platform names its own incremental job; an account's times are those of its platform's.
        var incrementalKinds = platformJobs.ToDictionary(j => j.Platform, j => j.IncrementalKind, StringComparer.Ordinal);
        var schedule = clock.ByJobId(configured
            .Where(a => incrementalKinds.ContainsKey(a.Platform))
            .Select(a => IAccountRecurringJobs.Id(incrementalKinds[a.Platform], a.Name)));
        WorkerLoad? load = null;
        var statuses = new List<AccountSyncStatusDto>(configured.Count);
        foreach (var account in configured)
        {
            var fact = facts.GetValueOrDefault(account.Name) ?? Facts.None;
            var times = incrementalKinds.TryGetValue(account.Platform, out var kind)
                ? schedule.GetValueOrDefault(IAccountRecurringJobs.Id(kind, account.Name))
                : null;
            var reasons = new List<string>();
            var late = false;
            if (account.Settings.Enabled)
            {
                Judge(now, fact, reasons);
                late = Late(now, fact, times, reasons, () => load ??= clock.Load(jobs.Value.ServerDeadAfter));
            }
            statuses.Add(new AccountSyncStatusDto
            {
                Account = account.Name,
                AccountId = account.Id,
                Platform = account.Platform,
                Enabled = account.Settings.Enabled,
                Trustworthy = account.Settings.Enabled && reasons.Count == 0,
                Reasons = reasons,
                Watermark = fact.Watermark,
                WatermarkLagSeconds = Seconds(now, fact.Watermark),
                LastIncrementalSucceededAt = fact.LastSucceededAt,
                LastIncrementalStatus = fact.LastStatus,
                LastIncrementalStartedAt = fact.LastStartedAt,
                LastError = fact.LastError,
                IncrementalQueuedAt = times?.LastTriggeredAt,
                NextIncrementalDueAt = times?.NextDueAt,
                Late = late,
                PendingDeliveries = fact.Pending,
                FailedDeliveries = fact.Failed,
                FirstSync = fact.FirstSync is { } firstSync ? new FirstSyncStatusDto
                {
                    Done = firstSync.Done,
                    PagesDone = firstSync.PagesDone,
                    PagesEstimated = firstSync.PagesEstimate,
                    StartedAt = firstSync.Started,
                    Progress = firstSync.Done ? $"history loaded: {firstSync.PagesDone} pages" : firstSync.Progress,
                } : null,
                LastAudit = fact.LastAudit,
                AddedAt = fact.AddedAt,
            });
        }
        return statuses;
    }

    private void Judge(DateTimeOffset now, Facts fact, List<string> reasons)
    {
        var limits = options.Value;
        reasons.AddRange(ReconcileVerdict.Judge(now, limits.MaxReconcileAge, fact.LastSucceededAt, fact.LastStatus, fact.LastError,
            fact.FirstSync is { Done: false } load ? load.Progress : null));
        if (fact.Failed > 0)
        {
            reasons.Add($"{fact.Failed} webhook deliveries failed to apply.");
        }
        if (fact.OldestPending is { } oldest && now - oldest > limits.MaxPendingDeliveryAge)
        {
            reasons.Add($"{fact.Pending} webhook deliveries are waiting to be applied, the oldest for {Age(now - oldest)}.");
        }
    }

    /// <summary>
    /// Late: Hangfire queued the run more than <c>Health:MaxStartDelay</c> ago and it has not started (it waits
    /// for a worker), or it was due that long ago and nobody queued it (no job server is triggering schedules).
    /// </summary>
    private bool Late(DateTimeOffset now, Facts fact, RecurringTimes? times, List<string> reasons, Func<WorkerLoad> load)
    {
        var limit = options.Value.MaxStartDelay;
        if (times?.LastTriggeredAt is { } queued && (fact.LastStartedAt is not { } started || started < queued) && now - queued > limit)
        {
            var workers = load();
            reasons.Add($"The incremental run queued at {queued:HH:mm:ss}Z has not started after {Age(now - queued)}: " + Why(workers));
            return true;
        }
        if (times?.NextDueAt is { } due && now - due > limit)
        {
            var workers = load();
            reasons.Add($"The incremental run due at {due:HH:mm:ss}Z has not been queued after {Age(now - due)}: " + Why(workers));
            return true;
        }
        return false;
    }

    private static string Why(WorkerLoad load) => load.Servers == 0
        ? "no job server is running (every live instance has Jobs:Role=api, or none is up)."
        : $"{load.Enqueued} job(s) are waiting for {load.Workers} worker(s) on {load.Servers} job server(s); add workers (Jobs:WorkerCount) or an instance with Jobs:Role=worker.";

    private static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };

    internal static double? Seconds(DateTimeOffset now, DateTimeOffset? then) =>
        then is { } t ? Math.Round((now - t).TotalSeconds, 3) : null;

    internal static string Age(TimeSpan age) => ReconcileVerdict.Age(age);

    private sealed record Facts(
        DateTimeOffset? Watermark, string? LastStatus, DateTimeOffset? LastStartedAt, DateTimeOffset? LastSucceededAt,
        string? LastError, long Pending, long Failed, DateTimeOffset? OldestPending, InitialLoadCheckpoint? FirstSync, LastAuditDto? LastAudit,
        DateTimeOffset? AddedAt)
    {
        public static readonly Facts None = new(null, null, null, null, null, 0, 0, null, null, null, null);
    }
}
