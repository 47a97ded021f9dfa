using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Api.Health;

/// <summary>
/// Degraded when any enabled account's reconcile is stale (no successful incremental run within
/// <c>Health:MaxReconcileAge</c>), failing, or still loading its history, naming each such account with its
/// reasons: one account's fresh runs never hide another's stale ones. The service still serves; Unhealthy only
/// when the database fails.
/// </summary>
public sealed class ReconcileFreshnessCheck(NpgsqlDataSource dataSource, TimeProvider time, IOptions<SyncHealthOptions> options) : IHealthCheck
{
    private const string Sql = """
        SELECT a.name,
               (SELECT r.finished_at FROM sync_runs r
                WHERE r.account_id = a.id AND r.kind = $1 AND r.status = $2 ORDER BY r.finished_at DESC LIMIT 1),
               (SELECT r.status FROM sync_runs r
                WHERE r.account_id = a.id AND r.kind = $1 AND r.status <> $3 ORDER BY r.started_at DESC, r.id DESC LIMIT 1),
               (SELECT r.error FROM sync_runs r
                WHERE r.account_id = a.id AND r.kind = $1 AND r.status = $4 ORDER BY r.id DESC LIMIT 1),
               (SELECT s.checkpoint::text FROM sync_state s WHERE s.account_id = a.id AND s.key = $5)
        FROM accounts a
        WHERE a.enabled
        ORDER BY a.name
        """;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var limit = options.Value.MaxReconcileAge;
        var verdicts = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        try
        {
            await using var command = dataSource.CreateCommand(Sql);
            command.Parameters.Add(Text(SyncRunKinds.Incremental));
            command.Parameters.Add(Text(SyncRunStatuses.Succeeded));
            command.Parameters.Add(Text(SyncRunStatuses.Queued));
            command.Parameters.Add(Text(SyncRunStatuses.Failed));
            command.Parameters.Add(Text(SyncStateKeys.InitialLoad));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                DateTimeOffset? succeeded = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
                var load = reader.IsDBNull(4) ? null : InitialLoadStore.Parse(reader.GetString(4));
                verdicts[reader.GetString(0)] = ReconcileVerdict.Judge(now, limit, succeeded,
                    reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    load is { Done: false } ? load.Progress : null);
            }
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", ex);
        }

        var data = verdicts.ToDictionary(v => v.Key, v => (object)(v.Value.Count == 0 ? "fresh" : string.Join(" ", v.Value)));
        data["maxAgeSeconds"] = limit.TotalSeconds;
        var behind = verdicts.Where(v => v.Value.Count > 0).ToList();
        if (behind.Count > 0)
        {
            return HealthCheckResult.Degraded(
                "Reconcile is behind for " + string.Join("; ", behind.Select(v => $"account {v.Key}: {string.Join(" ", v.Value)}")), data: data);
        }
        return verdicts.Count == 0
            ? HealthCheckResult.Degraded("No account is enabled.", data: data)
            : HealthCheckResult.Healthy($"Incremental reconcile is recent for every account ({string.Join(", ", verdicts.Keys)}).", data);
    }

    private static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };
}
