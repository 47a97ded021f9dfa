using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Sales;

/// <summary>Folds the daily sales queue every <c>Sales:FoldInterval</c>, on every instance (folds serialise on a lock).</summary>
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
        using var timer = new PeriodicTimer(options.Value.FoldInterval, time);
        do
        {
            try
            {
                await folder.FoldPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The entries stay queued; the next tick folds them.
                LogFoldFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Folding the daily sales queue failed; retrying on the next tick")]
    private partial void LogFoldFailed(Exception exception);
}
