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
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [300, 1800, 3600], ExceptOn = [typeof(QticketsAuthException), typeof(TicketscloudAuthException), typeof(UnknownAccountException)])]
    [JobDisplayName("Audit (run {0})")]
    public Task<string> AuditAsync(long runId, PerformContext? context, CancellationToken cancellationToken) =>
        runner.RunAsync(SyncRunKinds.Audit, null, runId, context?.BackgroundJob.Id, RunAsync, cancellationToken);

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [300, 1800, 3600], ExceptOn = [typeof(QticketsAuthException), typeof(TicketscloudAuthException), typeof(UnknownAccountException)])]
    [JobDisplayName("Audit of {0}")]
    public async Task<string> AuditForAsync(string account, PerformContext? context, CancellationToken cancellationToken) =>
        await runner.RunAsync(SyncRunKinds.Audit, await accounts.GetAsync(account, cancellationToken), null,
            context?.BackgroundJob.Id, RunAsync, cancellationToken);

    private Task RunAsync(SyncRunContext run)
    {
        var platform = run.RequireAccount().Platform;
        var auditor = auditors.FirstOrDefault(a => a.Platform == platform)
            ?? throw new InvalidOperationException($"No audit is implemented for {platform} accounts.");
        return auditor.RunAsync(run);
    }
}
