using Hangfire;
using Hangfire.Server;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Reconciliation.Audit;
using Qtickets.Sync.Infrastructure.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// Hangfire's entry points of the audit: weekly per account (<c>Audit:Cron</c>), or on demand with a run id. The
/// account's platform picks the <see cref="IPlatformAuditor"/>; the run goes through <see cref="SyncRunner"/> like
/// every other, so one audit per account runs at a time.
/// </summary>
public sealed class AuditJobs(SyncRunner runner, AccountDirectory accounts, IEnumerable<IPlatformAuditor> auditors)
{
    /// <param name="runId">The run asked for through the API; null when the weekly schedule starts it.</param>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [300, 1800, 3600], ExceptOn = [typeof(QticketsAuthException), typeof(TicketscloudAuthException), typeof(UnknownAccountException)])]
    [RunDisplayName("Audit")]
    public async Task<string> AuditForAsync(string account, long? runId, PerformContext? context, CancellationToken cancellationToken) =>
        runId is { } id
            ? await runner.RunAsync(SyncRunKinds.Audit, id, context?.BackgroundJob.Id, RunAsync, cancellationToken)
            : await runner.RunAsync(SyncRunKinds.Audit, await accounts.GetAsync(account, cancellationToken), null,
                context?.BackgroundJob.Id, RunAsync, cancellationToken);

    private Task RunAsync(SyncRunContext run)
    {
        var platform = run.RequireAccount().Platform;
        var auditor = auditors.FirstOrDefault(a => a.Platform == platform)
            ?? throw new InvalidOperationException($"No audit is implemented for {platform} accounts.");
        return auditor.RunAsync(run);
    }
}
