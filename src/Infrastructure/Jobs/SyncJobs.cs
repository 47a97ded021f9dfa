using Hangfire;
using Hangfire.Server;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Qtickets.Reconcile;
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
/// <c>null</c> and <see cref="CancellationToken.None"/> given when enqueuing. Every job names its account
/// (<c>…For</c>, and backfill), scheduled with no run id, asked for with the run id created at trigger time. The
/// methods taking only a run id are the ones jobs queued by earlier versions call; given none, they run the only
/// QTickets account (the single-account setup).
/// </remarks>
public sealed class SyncJobs(
    SyncRunner runner,
    AccountDirectory accounts,
    IncrementalReconciler incremental,
    FullSweepReconciler fullSweep,
    BackfillReconciler backfill,
    CatalogSynchronizer catalog)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException), typeof(UnknownAccountException)])]
    [RunDisplayName("Incremental reconcile")]
    public async Task<string> IncrementalAsync(long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.Incremental, await OnlyAccountUnlessRunAsync(runId, cancellationToken), runId,
            context?.BackgroundJob.Id, incremental.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException), typeof(UnknownAccountException)])]
    [RunDisplayName("Incremental reconcile")]
    public async Task<string> IncrementalForAsync(string account, long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.Incremental, await ScheduledAccountAsync(account, runId, cancellationToken), runId,
            context?.BackgroundJob.Id, incremental.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException), typeof(UnknownAccountException)])]
    [RunDisplayName("Full sweep")]
    public async Task<string> FullSweepAsync(long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.FullSweep, await OnlyAccountUnlessRunAsync(runId, cancellationToken), runId,
            context?.BackgroundJob.Id, fullSweep.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException), typeof(UnknownAccountException)])]
    [RunDisplayName("Full sweep")]
    public async Task<string> FullSweepForAsync(string account, long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.FullSweep, await ScheduledAccountAsync(account, runId, cancellationToken), runId,
            context?.BackgroundJob.Id, fullSweep.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException), typeof(UnknownAccountException)])]
    [RunDisplayName("Events and shows")]
    public async Task<string> CatalogAsync(long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.Catalog, await OnlyAccountUnlessRunAsync(runId, cancellationToken), runId,
            context?.BackgroundJob.Id, catalog.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException), typeof(UnknownAccountException)])]
    [RunDisplayName("Events and shows")]
    public async Task<string> CatalogForAsync(string account, long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.Catalog, await ScheduledAccountAsync(account, runId, cancellationToken), runId,
            context?.BackgroundJob.Id, catalog.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(QticketsAuthException), typeof(UnknownAccountException)])]
    [RunDisplayName("Backfill")]
    public Task<string> BackfillAsync(string account, long runId, PerformContext? context, CancellationToken cancellationToken) =>
        runner.RunAsync(SyncRunKinds.Backfill, runId, context?.BackgroundJob.Id, backfill.RunAsync, cancellationToken);

    /// <summary>
    /// A scheduled run is of the account it names; a run asked for carries its account in its row, which stays the
    /// authority (the name is there for Hangfire's pages).
    /// </summary>
    private async Task<SyncAccount?> ScheduledAccountAsync(string account, long? runId, CancellationToken cancellationToken) =>
        runId is null ? await accounts.GetAsync(account, cancellationToken) : null;

    /// <summary>A run with an id carries its account in its row; without one, the only QTickets account is meant.</summary>
    private async Task<SyncAccount?> OnlyAccountUnlessRunAsync(long? runId, CancellationToken cancellationToken) =>
        runId is not null ? null : await accounts.OnlyAsync(AccountPlatforms.Qtickets, cancellationToken);
}
