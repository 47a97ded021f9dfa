using Hangfire;
using Hangfire.Server;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// Hangfire's entry point of every account's reconcile runs, whatever the platform: one job shape, an account and
/// a kind, run by the account's <see cref="IReconcilePlatform"/> through the <see cref="SyncRunner"/> frame (lock,
/// run row, request counts). Arguments are small and the job is idempotent: a retried or re-queued job continues the
/// run it names. A failure is recorded on the run and rethrown so Hangfire retries with back-off, except a permanent
/// one (a rejected token, an account no longer configured): retrying cannot fix configuration.
/// </summary>
/// <remarks>
/// Hangfire passes its own <see cref="PerformContext"/> and the server's stopping token in place of the
/// <c>null</c> and <see cref="CancellationToken.None"/> given when enqueuing.
/// </remarks>
public sealed class ReconcileJobs(SyncRunner runner, AccountDirectory accounts, ReconcilePlatforms platforms)
{
    /// <param name="account">The account of a scheduled run. A run asked for carries its account in its row, which
    /// stays the authority; the name is there for Hangfire's pages.</param>
    /// <param name="kind">incremental, full_sweep, backfill or catalog (<see cref="Domain.Sync.SyncRunKinds"/>).</param>
    /// <param name="runId">The run created when it was asked for (API, dashboard); null for a scheduled run.</param>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], ExceptOn = [typeof(PermanentRunFailureException), typeof(UnknownAccountException)])]
    [RunDisplayName("Reconcile")]
    public async Task<string> RunAsync(string account, string kind, long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(kind, runId is null ? await accounts.GetAsync(account, cancellationToken) : null, runId,
            context?.BackgroundJob.Id, platforms.RunAsync, cancellationToken);
}
