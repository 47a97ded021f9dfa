using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// Runs <see cref="WebhookApplier"/> whenever the inbox commits new deliveries (after letting more gather for
/// <c>Webhooks:ApplyGatherDelay</c>), and on a periodic sweep for what is left over: rows committed just before a
/// crash, failures whose retry is due, work of a stopped instance.
/// </summary>
public sealed partial class WebhookApplierService(
    WebhookApplier applier,
    WebhookApplySignal signal,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookApplierService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ApplyInBackground)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await applier.ApplyPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The rows stay pending; the next signal or sweep tries again.
                LogApplyFailed(logger, exception);
            }
            await signal.WaitAsync(options.Value.SweepInterval, time, stoppingToken);
            if (options.Value.ApplyGatherDelay > TimeSpan.Zero)
            {
                await Task.Delay(options.Value.ApplyGatherDelay, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying webhook deliveries failed; retrying on the next signal or sweep")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception);
}
