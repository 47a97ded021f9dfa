using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Api.Health;

/// <summary>Refreshes <see cref="SyncLagGauge"/> every <c>Health:LagRefreshInterval</c>.</summary>
public sealed partial class SyncLagMonitor(
    NpgsqlDataSource dataSource,
    SyncLagGauge gauge,
    TimeProvider time,
    IOptions<SyncHealthOptions> options,
    ILogger<SyncLagMonitor> logger) : BackgroundService
{
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT min(watermark) FROM sync_state WHERE key = $1),
                   (SELECT processed_at FROM webhook_deliveries WHERE status = $2 ORDER BY id DESC LIMIT 1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = SyncStateKeys.OrdersWatermark, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = DeliveryStatuses.Applied, NpgsqlDbType = NpgsqlDbType.Text });
        // The reader is disposed exactly once, at the end of this block: Npgsql reuses a reader object for the
        // next user of its pooled connection, so a second dispose later would close somebody else's command.
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            gauge.Update(
                reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0),
                reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
        }
        gauge.Update(await WebhookFailureCounts.ReadAsync(dataSource, cancellationToken));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LagRefreshInterval, time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // The gauge keeps its last values; readiness reports the database itself.
                LogRefreshFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the sync lag gauge")]
    private partial void LogRefreshFailed(Exception exception);
}
