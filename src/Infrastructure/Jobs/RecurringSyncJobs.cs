using Hangfire;
using Hangfire.Storage;
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

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var platform in platforms)
        {
            kinds.UnionWith(platform.Kinds);
            foreach (var account in accounts.Configured.Where(a => a.Enabled && a.Platform == platform.Platform))
            {
                platform.Schedule(recurring, account);
                wanted.UnionWith(platform.Kinds.Select(kind => IAccountRecurringJobs.Id(kind, account.Name)));
            }
        }
        RemoveUnwanted(kinds, wanted);

        var schedule = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone) };
        recurring.AddOrUpdate<SalesJobs>(SalesDriftId, j => j.DriftAsync(null, null, CancellationToken.None), sales.Value.DriftCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(sales.Value.TimeZone) });
        recurring.AddOrUpdate<WebhookRetentionJob>(RetentionId, j => j.RunAsync(CancellationToken.None), retention.Value.Cron, schedule);
        if (personalData.Value.RetainDays is null)
        {
            recurring.RemoveIfExists(PersonalDataRetentionId);
        }
        else
        {
            recurring.AddOrUpdate<PersonalDataRetentionJob>(
                PersonalDataRetentionId, j => j.RunAsync(CancellationToken.None), personalData.Value.RetentionCron, schedule);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void RemoveUnwanted(HashSet<string> kinds, HashSet<string> wanted)
    {
        List<string> existing;
        using (var connection = storage.GetConnection())
        {
            existing = [.. connection.GetRecurringJobs().Select(j => j.Id)];
        }
        foreach (var id in existing)
        {
            var kind = id.Split(':', 2)[0];
            var stale = id.Contains(':', StringComparison.Ordinal) && kinds.Contains(kind) && !wanted.Contains(id);
            if (stale)
            {
                recurring.RemoveIfExists(id);
                LogRemoved(id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recurring job {JobId} removed: its account is no longer configured or enabled")]
    private partial void LogRemoved(string jobId);
}
