using Hangfire;
using Hangfire.Server;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Reconciliation.Audit;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// Hangfire's entry point of the audit: weekly per account (<c>Audit:Cron</c>), or on demand with a run id. The
/// account's platform picks the <see cref="IPlatformAuditor"/> (<see cref="ReconcilePlatforms"/>); the run goes
/// through <see cref="SyncRunner"/> like every other, so one audit per account runs at a time. A job of its own
/// beside <see cref="ReconcileJobs"/> for its gentler retries: an audit is a long read that can wait.
/// </summary>
public sealed class AuditJobs(SyncRunner runner, AccountDirectory accounts, ReconcilePlatforms platforms)
{
    /// <param name="runId">The run asked for through the API; null when the weekly schedule starts it.</param>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [300, 1800, 3600], ExceptOn = [typeof(PermanentRunFailureException), typeof(UnknownAccountException)])]
    [RunDisplayName("Audit")]
    public async Task<string> AuditForAsync(string account, long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.Audit, runId is null ? await accounts.GetAsync(account, cancellationToken) : null, runId,
            context?.BackgroundJob.Id, platforms.RunAsync, cancellationToken);
}
