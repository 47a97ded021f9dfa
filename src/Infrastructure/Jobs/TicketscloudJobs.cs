using Hangfire;
using Hangfire.Server;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Reconciliation.Ticketscloud;
using Qtickets.Sync.Infrastructure.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// Hangfire's entry points for Ticketscloud accounts, through the same <see cref="SyncRunner"/> frame (lock, run
/// row, request counts) as QTickets'. A rejected key fails at once: retrying cannot fix configuration.
/// </summary>
public sealed class TicketscloudJobs(SyncRunner runner, AccountDirectory accounts, SyncRunLedger ledger, TicketscloudReconciler reconciler)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(TicketscloudAuthException)])]
    [RunDisplayName("Ticketscloud incremental reconcile")]
    public async Task<string> IncrementalForAsync(string account, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.Incremental, await accounts.GetAsync(account, cancellationToken), null,
            context?.BackgroundJob.Id, reconciler.RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(TicketscloudAuthException)])]
    [RunDisplayName("Ticketscloud full sweep")]
    public async Task<string> FullSweepForAsync(string account, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.FullSweep, await accounts.GetAsync(account, cancellationToken), null,
            context?.BackgroundJob.Id, reconciler.RunAsync, cancellationToken);

    /// <summary>
    /// A run queued on demand (reconcile or backfill): its row names its kind and account, and stays the authority;
    /// <paramref name="account"/> names it on Hangfire's pages.
    /// </summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(TicketscloudAuthException)])]
    [RunDisplayName("Ticketscloud run")]
    public async Task<string> RunAsync(string account, long runId, PerformContext? context, CancellationToken cancellationToken)
    {
        var run = await ledger.FindAsync(runId, cancellationToken)
            ?? throw new InvalidOperationException($"Sync run {runId} does not exist.");
        return await runner.RunAsync(run.Kind, null, runId, context?.BackgroundJob.Id, reconciler.RunAsync, cancellationToken);
    }
}
