using Hangfire;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Reconciliation.Audit;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>A Ticketscloud account's incremental run and nightly full sweep, on the <c>Ticketscloud</c> crons, and its audit on <c>Audit:Cron</c>.</summary>
public sealed class TicketscloudRecurringJobs(IOptions<TicketscloudOptions> options, IOptions<ReconcileOptions> reconcile, IOptions<AuditOptions> audit)
    : IAccountRecurringJobs
{
    public const string IncrementalKind = "ticketscloud-incremental";
    public const string FullSweepKind = "ticketscloud-full-sweep";

    public string Platform => AccountPlatforms.Ticketscloud;

    public IReadOnlyList<string> Kinds { get; } = [IncrementalKind, FullSweepKind, IAccountRecurringJobs.AuditKind];

    string IAccountRecurringJobs.IncrementalKind => IncrementalKind;

    public void Schedule(IRecurringJobManager recurring, AccountSettings account)
    {
        ArgumentNullException.ThrowIfNull(recurring);
        ArgumentNullException.ThrowIfNull(account);
        var jobs = new AccountJobSchedule(recurring, account, reconcile.Value.TimeZone);
        jobs.Run(IncrementalKind, SyncRunKinds.Incremental, options.Value.IncrementalCron);
        jobs.Run(FullSweepKind, SyncRunKinds.FullSweep, options.Value.FullSweepCron);
        jobs.Audit(audit.Value.Cron);
    }
}
