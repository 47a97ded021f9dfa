using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// The recurring-job manager of one registration pass at start (<see cref="RecurringSyncJobs"/>): it writes a job
/// only when the job is missing or differs from what the last pass wrote. Hangfire's <c>AddOrUpdate</c> takes a
/// distributed lock and a transaction per job whether or not anything changed (4–8 ms each here), and every
/// account has four jobs: 1,000 accounts made each start 30 s longer, on every instance of every role. What a pass
/// wrote is kept as one fingerprint per job id in one Hangfire hash, read in one query; which jobs exist comes from
/// Hangfire's <c>recurring-jobs</c> set, also one query, so a job deleted on the dashboard is written again.
/// </summary>
public sealed class RecurringJobWriter : IRecurringJobManager
{
    /// <summary>The Hangfire hash of job id → fingerprint of the definition last written.</summary>
    public const string FingerprintsKey = "qtickets-sync:recurring-job-fingerprints";

    private const string RecurringJobsSet = "recurring-jobs";

    // Hangfire's own version is part of every fingerprint: an upgrade may store jobs differently, so it writes all again.
    private static readonly string HangfireVersion = typeof(RecurringJobManager).Assembly.GetName().Version?.ToString() ?? "";

    private readonly IRecurringJobManager inner;
    private readonly IReadOnlyDictionary<string, string> lastWritten;
    private readonly ConcurrentDictionary<string, string> wanted = new(StringComparer.Ordinal);
    private int written;

    private RecurringJobWriter(IRecurringJobManager inner, HashSet<string> existing, IReadOnlyDictionary<string, string> lastWritten)
    {
        this.inner = inner;
        Existing = existing;
        this.lastWritten = lastWritten;
    }

    /// <summary>The recurring job ids in the storage when the pass began.</summary>
    public IReadOnlySet<string> Existing { get; }

    /// <summary>Jobs this pass wrote (missing or changed); the others were left as they were.</summary>
    public int Written => Volatile.Read(ref written);

    /// <summary>Jobs this pass was asked for.</summary>
    public int Asked => wanted.Count;

    public static RecurringJobWriter Begin(IRecurringJobManager inner, JobStorage storage)
    {
        using var connection = storage.GetConnection();
        var existing = connection.GetAllItemsFromSet(RecurringJobsSet);
        var lastWritten = connection.GetAllEntriesFromHash(FingerprintsKey) ?? new Dictionary<string, string>();
        return new RecurringJobWriter(inner, existing, lastWritten);
    }

    public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options)
    {
        var fingerprint = Fingerprint(job, cronExpression, options);
        wanted[recurringJobId] = fingerprint;
        if (Existing.Contains(recurringJobId) && lastWritten.TryGetValue(recurringJobId, out var last) && last == fingerprint)
        {
            return;
        }
        inner.AddOrUpdate(recurringJobId, job, cronExpression, options);
        Interlocked.Increment(ref written);
    }

    public void Trigger(string recurringJobId) => inner.Trigger(recurringJobId);

    public void RemoveIfExists(string recurringJobId)
    {
        inner.RemoveIfExists(recurringJobId);
        wanted.TryRemove(recurringJobId, out _);
    }

    /// <summary>
    /// Keeps the fingerprints of this pass's jobs for the next one, in one transaction, unless they are what the hash
    /// holds already.
    /// </summary>
    public void Complete(JobStorage storage)
    {
        var unchanged = Written == 0 && wanted.Count == lastWritten.Count && wanted.Keys.All(lastWritten.ContainsKey);
        if (unchanged)
        {
            return;
        }
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.RemoveHash(FingerprintsKey);
        if (!wanted.IsEmpty)
        {
            transaction.SetRangeInHash(FingerprintsKey, wanted);
        }
        transaction.Commit();
    }

    private static string Fingerprint(Job job, string cron, RecurringJobOptions options)
    {
        var invocation = InvocationData.SerializeJob(job);
        var text = string.Join('\n',
            HangfireVersion, invocation.Type, invocation.Method, invocation.ParameterTypes, invocation.Arguments, invocation.Queue ?? "",
            cron, options.TimeZone.Id, options.MisfireHandling.ToString());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
