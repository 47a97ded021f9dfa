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

    public void Schedule(IRecurringJobManager recurring, AccountSettings account)
    {
        ArgumentNullException.ThrowIfNull(recurring);
        ArgumentNullException.ThrowIfNull(account);
        var schedule = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(reconcile.Value.TimeZone) };
        var name = account.Name;
        recurring.AddOrUpdate<ReconcileJobs>(IAccountRecurringJobs.Id(IncrementalKind, name),
            j => j.RunAsync(name, SyncRunKinds.Incremental, null, null, CancellationToken.None), options.Value.IncrementalCron, schedule);
        recurring.AddOrUpdate<ReconcileJobs>(IAccountRecurringJobs.Id(FullSweepKind, name),
            j => j.RunAsync(name, SyncRunKinds.FullSweep, null, null, CancellationToken.None), options.Value.FullSweepCron, schedule);
        recurring.AddOrUpdate<AuditJobs>(IAccountRecurringJobs.Id(IAccountRecurringJobs.AuditKind, name),
            j => j.AuditForAsync(name, null, null, CancellationToken.None), audit.Value.Cron, schedule);
    }
}
