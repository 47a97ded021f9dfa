using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.PersonalData;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// Registers (or updates) the recurring jobs when the host starts: each enabled account's jobs (ids
/// <c>{kind}:{account}</c>), and the deployment's own. Jobs of accounts no longer configured or enabled are
/// removed.
/// </summary>
public sealed partial class RecurringSyncJobs(
    IRecurringJobManager recurring,
    JobStorage storage,
    AccountDirectory accounts,
    IEnumerable<IAccountRecurringJobs> platforms,
    IOptions<ReconcileOptions> options,
    IOptions<SalesOptions> sales,
    IOptions<WebhookRetentionOptions> retention,
    IOptions<PersonalDataOptions> personalData,
    ILogger<RecurringSyncJobs> logger) : IHostedService
{
    public const string SalesDriftId = "daily-sales-drift";
    public const string RetentionId = "webhook-retention";
    public const string PersonalDataRetentionId = "personal-data-retention";

    /// <summary>
    /// Jobs written at once when many are missing or changed (a new database, a changed cron): each
    /// <c>AddOrUpdate</c> mostly waits for its round trips and its commit, so a few at a time share the waits.
    /// </summary>
    private const int ParallelWrites = 4;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var writer = RecurringJobWriter.Begin(recurring, storage);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        var scheduled = new List<(IAccountRecurringJobs Platform, AccountSettings Account)>();
        foreach (var platform in platforms)
        {
            kinds.UnionWith(platform.Kinds);
            scheduled.AddRange(accounts.Configured.Where(a => a.Enabled && a.Platform == platform.Platform).Select(a => (platform, a)));
        }
        Parallel.ForEach(
            scheduled,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = cancellationToken },
            job => job.Platform.Schedule(writer, job.Account));
        var wanted = scheduled.SelectMany(s => s.Platform.Kinds.Select(kind => IAccountRecurringJobs.Id(kind, s.Account.Name))).ToHashSet(StringComparer.Ordinal);
        RemoveUnwanted(writer, kinds, wanted);

        var schedule = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone) };
        writer.AddOrUpdate<SalesJobs>(SalesDriftId, j => j.DriftAsync(null, null, CancellationToken.None), sales.Value.DriftCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(sales.Value.TimeZone) });
        writer.AddOrUpdate<WebhookRetentionJob>(RetentionId, j => j.RunAsync(CancellationToken.None), retention.Value.Cron, schedule);
        if (personalData.Value.RetainDays is null)
        {
            writer.RemoveIfExists(PersonalDataRetentionId);
        }
        else
        {
            writer.AddOrUpdate<PersonalDataRetentionJob>(
                PersonalDataRetentionId, j => j.RunAsync(CancellationToken.None), personalData.Value.RetentionCron, schedule);
        }
        writer.Complete(storage);
        LogRegistered(writer.Asked, writer.Written, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void RemoveUnwanted(RecurringJobWriter writer, HashSet<string> kinds, HashSet<string> wanted)
    {
        foreach (var id in writer.Existing)
        {
            var kind = id.Split(':', 2)[0];
            var stale = id.Contains(':', StringComparison.Ordinal) && kinds.Contains(kind) && !wanted.Contains(id);
            if (stale)
            {
                writer.RemoveIfExists(id);
                LogRemoved(id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recurring jobs registered: {Asked} asked for, {Written} written (the rest unchanged) in {Milliseconds:F0} ms")]
    private partial void LogRegistered(int asked, int written, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recurring job {JobId} removed: its account is no longer configured or enabled")]
    private partial void LogRemoved(string jobId);
}
