using Hangfire;
using Hangfire.Server;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// Hangfire's entry points. Arguments are small (an account name, a run id) and every job is idempotent: a
/// retried or re-queued job continues the run it names. A failure is recorded on the run and rethrown so Hangfire
/// retries with back-off — except a rejected token, which fails at once: retrying cannot fix configuration.
/// </summary>
/// <remarks>
/// Hangfire passes its own <see cref="PerformContext"/> and the server's stopping token in place of the
/// <c>null</c> and <see cref="CancellationToken.None"/> given when enqueuing. The recurring jobs name their
/// account (<c>…For</c>); a run triggered on demand carries its account in its row; the methods taking only a run
/// id, given none, run the only QTickets account (the single-account setup, and jobs queued before accounts).
/// </remarks>
public sealed class SyncJobs(
    SyncRunner runner,
    AccountDirectory accounts,
    IncrementalReconciler incremental,
    FullSweepReconciler fullSweep,
    BackfillReconciler backfill,
    CatalogSynchronizer catalog)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException)])]
    [JobDisplayName("Incremental reconcile (run {0})")]
    public async Task<string> IncrementalAsync(long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.Incremental, await OnlyAccountUnlessRunAsync(runId, cancellationToken), runId,
            context?.BackgroundJob.Id, incremental.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException)])]
    [JobDisplayName("Incremental reconcile of {0}")]
    public async Task<string> IncrementalForAsync(string account, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.Incremental, await accounts.GetAsync(account, cancellationToken), null,
            context?.BackgroundJob.Id, incremental.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException)])]
    [JobDisplayName("Full sweep (run {0})")]
    public async Task<string> FullSweepAsync(long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.FullSweep, await OnlyAccountUnlessRunAsync(runId, cancellationToken), runId,
            context?.BackgroundJob.Id, fullSweep.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException)])]
    [JobDisplayName("Full sweep of {0}")]
    public async Task<string> FullSweepForAsync(string account, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.FullSweep, await accounts.GetAsync(account, cancellationToken), null,
            context?.BackgroundJob.Id, fullSweep.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException)])]
    [JobDisplayName("Events and shows (run {0})")]
    public async Task<string> CatalogAsync(long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.Catalog, await OnlyAccountUnlessRunAsync(runId, cancellationToken), runId,
            context?.BackgroundJob.Id, catalog.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException)])]
    [JobDisplayName("Events and shows of {0}")]
    public async Task<string> CatalogForAsync(string account, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.Catalog, await accounts.GetAsync(account, cancellationToken), null,
            context?.BackgroundJob.Id, catalog.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException)])]
    [JobDisplayName("Backfill (run {0})")]
    public Task<string> BackfillAsync(long runId, PerformContext? context, CancellationToken cancellationToken) =>
        runner.RunAsync(SyncRunKinds.Backfill, runId, context?.BackgroundJob.Id, backfill.RunAsync, cancellationToken);

    /// <summary>A run with an id carries its account in its row; without one, the only QTickets account is meant.</summary>
    private async Task<SyncAccount?> OnlyAccountUnlessRunAsync(long? runId, CancellationToken cancellationToken) =>
        runId is not null ? null : await accounts.OnlyAsync(AccountPlatforms.Qtickets, cancellationToken);
}
