using Hangfire;
using Hangfire.Server;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// Hangfire's entry points. Arguments are small (a run id at most) and every job is idempotent: a retried or
/// re-queued job continues the run it names. A failure is recorded on the run and rethrown so Hangfire retries
/// with back-off — except a rejected token, which fails at once: retrying cannot fix configuration.
/// </summary>
/// <remarks>
/// Hangfire passes its own <see cref="PerformContext"/> and the server's stopping token in place of the
/// <c>null</c> and <see cref="CancellationToken.None"/> given when enqueuing.
/// </remarks>
public sealed class SyncJobs(
    SyncRunner runner,
    IncrementalReconciler incremental,
    FullSweepReconciler fullSweep,
    BackfillReconciler backfill,
    CatalogSynchronizer catalog)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException)])]
    [JobDisplayName("Incremental reconcile (run {0})")]
    public Task<string> IncrementalAsync(long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        runner.RunAsync(SyncRunKinds.Incremental, runId, context?.BackgroundJob.Id, incremental.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException)])]
    [JobDisplayName("Full sweep (run {0})")]
    public Task<string> FullSweepAsync(long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        runner.RunAsync(SyncRunKinds.FullSweep, runId, context?.BackgroundJob.Id, fullSweep.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException)])]
    [JobDisplayName("Events and shows (run {0})")]
    public Task<string> CatalogAsync(long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        runner.RunAsync(SyncRunKinds.Catalog, runId, context?.BackgroundJob.Id, catalog.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException)])]
    [JobDisplayName("Backfill (run {0})")]
    public Task<string> BackfillAsync(long runId, PerformContext? context, CancellationToken cancellationToken) =>
        runner.RunAsync(SyncRunKinds.Backfill, runId, context?.BackgroundJob.Id, backfill.RunAsync, cancellationToken);
}
