using Hangfire;
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
    /// <summary>The times of every recurring job, by its id (<see cref="IAccountRecurringJobs.Id"/>), read in one go.</summary>
    public IReadOnlyDictionary<string, RecurringTimes> ByJobId()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs()
            .ToDictionary(j => j.Id, j => new RecurringTimes(Utc(j.LastExecution), Utc(j.NextExecution)), StringComparer.Ordinal);
    }

    public WorkerLoad Load(TimeSpan serverDeadAfter)
    {
        var monitoring = storage.GetMonitoringApi();
        var aliveSince = time.GetUtcNow().UtcDateTime - serverDeadAfter;
        var servers = monitoring.Servers().Where(s => s.Heartbeat is { } beat && beat >= aliveSince).ToList();
        var enqueued = monitoring.Queues().Sum(q => q.Length);
        return new WorkerLoad(enqueued, servers.Sum(s => s.WorkersCount), servers.Count);
    }

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
