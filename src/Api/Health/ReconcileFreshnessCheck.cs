using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Sync;

namespace Qtickets.Sync.Api.Health;

/// <summary>
/// Degraded when the last successful incremental reconcile is older than <c>Health:MaxReconcileAge</c>: the
/// service still serves, but webhooks it missed are not being healed. Unhealthy only when the database fails.
/// </summary>
public sealed class ReconcileFreshnessCheck(NpgsqlDataSource dataSource, TimeProvider time, IOptions<SyncHealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        DateTimeOffset? last;
        try
        {
            await using var command = dataSource.CreateCommand(
                "SELECT max(finished_at) FROM sync_runs WHERE kind = $1 AND status = $2");
            command.Parameters.Add(new NpgsqlParameter { Value = SyncRunKinds.Incremental, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = SyncRunStatuses.Succeeded, NpgsqlDbType = NpgsqlDbType.Text });
            var value = await command.ExecuteScalarAsync(cancellationToken);
            last = value is DateTime utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", ex);
        }

        var limit = options.Value.MaxReconcileAge;
        if (last is null)
        {
            return HealthCheckResult.Degraded("No incremental reconcile has succeeded yet.");
        }
        var age = time.GetUtcNow() - last.Value;
        var data = new Dictionary<string, object>
        {
            ["lastSucceededAt"] = last.Value,
            ["ageSeconds"] = Math.Round(age.TotalSeconds),
            ["maxAgeSeconds"] = limit.TotalSeconds,
        };
        return age > limit
            ? HealthCheckResult.Degraded($"Last successful incremental reconcile finished {age.TotalMinutes:F0} min ago (limit {limit.TotalMinutes:F0} min).", data: data)
            : HealthCheckResult.Healthy("Incremental reconcile is recent.", data);
    }
}
