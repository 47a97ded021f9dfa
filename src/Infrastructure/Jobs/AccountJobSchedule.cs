using Hangfire;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// Schedules one account's recurring jobs in <paramref name="timeZone"/> (<c>Reconcile:TimeZone</c>), under the
/// ids <see cref="IAccountRecurringJobs.Id"/> makes: what an <see cref="IAccountRecurringJobs"/> says is only which
/// runs, and on which crons.
/// </summary>
public sealed class AccountJobSchedule(IRecurringJobManager recurring, AccountSettings account, string timeZone)
{
    private readonly RecurringJobOptions options = new() { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZone) };

    /// <summary>A sync run of <paramref name="runKind"/> (<c>SyncRunKinds</c>) as the job <paramref name="kind"/>.</summary>
    public void Run(string kind, string runKind, string cron)
    {
        var name = account.Name;
        recurring.AddOrUpdate<ReconcileJobs>(IAccountRecurringJobs.Id(kind, name),
            j => j.RunAsync(name, runKind, null, null, CancellationToken.None), cron, options);
    }

    /// <summary>The account's audit (<see cref="IAccountRecurringJobs.AuditKind"/>).</summary>
    public void Audit(string cron)
    {
        var name = account.Name;
        recurring.AddOrUpdate<AuditJobs>(IAccountRecurringJobs.Id(IAccountRecurringJobs.AuditKind, name),
            j => j.AuditForAsync(name, null, null, CancellationToken.None), cron, options);
    }
}
