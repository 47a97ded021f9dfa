using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>When Hangfire last triggered a recurring job and when it is next due (UTC).</summary>
public sealed record RecurringTimes(DateTimeOffset? LastTriggeredAt, DateTimeOffset? NextDueAt);

/// <summary>What stands between a queued job and a worker: jobs waiting, and workers of live servers.</summary>
public sealed record WorkerLoad(long Enqueued, int Workers, int Servers);

/// <summary>
/// Reads Hangfire's own schedule, so the status can tell an account's run that is late (queued but not
/// started, or not even queued) from one that is merely due, and say why: the queue and the workers.
/// </summary>
public sealed class RecurringJobClock(JobStorage storage, TimeProvider time)
{
    /// <summary>
    /// The times of the recurring jobs <paramref name="ids"/> (<see cref="IAccountRecurringJobs.Id"/>), by id; a job
    /// that does not exist is left out. Only the two fields are read, as Hangfire stores them: reading whole jobs
    /// (<c>GetRecurringJobs</c>) deserialised every job of every account, 3 s a status read at 1,000 accounts.
    /// </summary>
    public IReadOnlyDictionary<string, RecurringTimes> ByJobId(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var connection = storage.GetConnection();
        var times = new Dictionary<string, RecurringTimes>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (connection.GetAllEntriesFromHash($"recurring-job:{id}") is { Count: > 0 } job)
            {
                times[id] = new RecurringTimes(Field(job, "LastExecution"), Field(job, "NextExecution"));
            }
        }
        return times;
    }

    public WorkerLoad Load(TimeSpan serverDeadAfter)
    {
        var monitoring = storage.GetMonitoringApi();
        var aliveSince = time.GetUtcNow().UtcDateTime - serverDeadAfter;
        var servers = monitoring.Servers().Where(s => s.Heartbeat is { } beat && beat >= aliveSince).ToList();
        var enqueued = monitoring.Queues().Sum(q => q.Length);
        return new WorkerLoad(enqueued, servers.Sum(s => s.WorkersCount), servers.Count);
    }

    private static DateTimeOffset? Field(Dictionary<string, string> job, string field) =>
        job.TryGetValue(field, out var value) && JobHelper.DeserializeNullableDateTime(value) is { } at
            ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))
            : null;
}
