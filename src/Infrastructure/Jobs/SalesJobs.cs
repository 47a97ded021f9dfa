using Hangfire;
using Hangfire.Server;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Sales;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>Hangfire entry points of the daily sales table's maintenance, in the same run frame as the syncs.</summary>
public sealed class SalesJobs(SyncRunner runner, DailySalesDriftCheck drift, DailySalesRebuild rebuild)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    [RunDisplayName("Daily sales drift check of all accounts")]
    public Task<string> DriftAsync(long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        runner.RunAsync(SyncRunKinds.SalesDrift, runId, context?.BackgroundJob.Id, drift.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [30, 60, 300, 900, 1800])]
    [RunDisplayName("Daily sales rebuild for a new time zone, all accounts")]
    public Task<string> RebuildAsync(long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        runner.RunAsync(SyncRunKinds.SalesRebuild, runId, context?.BackgroundJob.Id, rebuild.RunAsync, cancellationToken);
}
