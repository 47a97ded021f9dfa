using Hangfire;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Reconciliation.Audit;

namespace Qtickets.Sync.Infrastructure.Qtickets.Reconcile;

/// <summary>A QTickets account's incremental reconcile, full sweep and catalog sync, on the <c>Reconcile</c> crons, and its audit on <c>Audit:Cron</c>.</summary>
public sealed class QticketsRecurringJobs(IOptions<ReconcileOptions> options, IOptions<AuditOptions> audit) : IAccountRecurringJobs
{
    public const string IncrementalKind = "reconcile-incremental";
    public const string FullSweepKind = "reconcile-full-sweep";
    public const string CatalogKind = "sync-catalog";
    public const string AuditKind = IAccountRecurringJobs.AuditKind;

    public string Platform => AccountPlatforms.Qtickets;

    public IReadOnlyList<string> Kinds { get; } = [IncrementalKind, FullSweepKind, CatalogKind, AuditKind];

    string IAccountRecurringJobs.IncrementalKind => IncrementalKind;

    public void Schedule(IRecurringJobManager recurring, AccountSettings account)
    {
        ArgumentNullException.ThrowIfNull(recurring);
        ArgumentNullException.ThrowIfNull(account);
        var settings = options.Value;
        var jobs = new AccountJobSchedule(recurring, account, settings.TimeZone);
        jobs.Run(IncrementalKind, SyncRunKinds.Incremental, settings.IncrementalCron);
        jobs.Run(FullSweepKind, SyncRunKinds.FullSweep, settings.FullSweepCron);
        jobs.Run(CatalogKind, SyncRunKinds.Catalog, settings.CatalogCron);
        jobs.Audit(audit.Value.Cron);
    }
}
