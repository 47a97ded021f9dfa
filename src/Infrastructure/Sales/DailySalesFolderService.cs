using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Sales;

/// <summary>
/// Folds the daily sales queue every <c>Sales:FoldInterval</c>, or less often when folding takes more than
/// <c>Sales:FoldShare</c> of the time, on every instance (folds serialise on a lock).
/// </summary>
public sealed partial class DailySalesFolderService(
    DailySalesFolder folder,
    IOptions<SalesOptions> options,
    TimeProvider time,
    ILogger<DailySalesFolderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.FoldInBackground)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            try
            {
                await folder.FoldPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The entries stay queued; the next fold takes them.
                LogFoldFailed(exception);
            }
            await Task.Delay(Pause(time.GetElapsedTime(started), options.Value), time, stoppingToken);
        }
    }

    /// <summary>The wait before the next fold, given how long the last one took.</summary>
    public static TimeSpan Pause(TimeSpan folding, SalesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var share = folding * (1 / options.FoldShare - 1);
        var interval = options.FoldInterval - folding;
        return share > interval ? share : interval > TimeSpan.Zero ? interval : TimeSpan.Zero;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Folding the daily sales queue failed; retrying on the next tick")]
    private partial void LogFoldFailed(Exception exception);
}
