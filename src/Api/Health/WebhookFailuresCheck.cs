using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Api.Health;

/// <summary>
/// Degraded while deliveries sit failed or quarantined: the service serves, but some orders may be behind until
/// an operator retries, discards (dead) or releases them. Dead deliveries are counted in the data only: an
/// operator already chose to give up on them.
/// </summary>
public sealed class WebhookFailuresCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        WebhookFailureCounts counts;
        try
        {
            counts = await WebhookFailureCounts.ReadAsync(dataSource, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", ex);
        }
        var data = new Dictionary<string, object>
        {
            [DeliveryStatuses.Failed] = counts.Failed,
            [DeliveryStatuses.Dead] = counts.Dead,
            [DeliveryStatuses.Quarantined] = counts.Quarantined,
        };
        if (counts.OldestFailureReceivedAt is { } oldest)
        {
            data["oldestFailureReceivedAt"] = oldest;
        }
        return counts.Failed > 0 || counts.Quarantined > 0
            ? HealthCheckResult.Degraded($"{counts.Failed} webhook deliveries failed and {counts.Quarantined} are quarantined.", data: data)
            : HealthCheckResult.Healthy("No failed or quarantined webhook deliveries.", data);
    }
}
