using Hangfire;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// One platform's recurring jobs for one account. <see cref="RecurringSyncJobs"/> asks each registered
/// implementation to schedule every enabled account of its platform at start, and removes the jobs of accounts the
/// settings no longer list (or switched off): the ids are <c>{kind}:{account}</c>, see <see cref="Id"/>.
/// </summary>
public interface IAccountRecurringJobs
{
    /// <summary>The platform whose accounts this schedules (<c>AccountPlatforms</c>).</summary>
    string Platform { get; }

    /// <summary>The kinds of recurring job each account of the platform gets (the first part of their ids).</summary>
    IReadOnlyList<string> Kinds { get; }

    /// <summary>The kind of its incremental job, whose schedule tells whether an account's sync is late.</summary>
    string IncrementalKind { get; }

    void Schedule(IRecurringJobManager recurring, AccountSettings account);

    /// <summary>The kind of every platform's weekly audit job (<c>Audit:Cron</c>).</summary>
    public const string AuditKind = "audit";

    /// <summary>The recurring job id of an account's job of <paramref name="kind"/>.</summary>
    public static string Id(string kind, string account) => $"{kind}:{account}";
}
