using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>Registers (or updates) the recurring sync jobs when the host starts.</summary>
internal sealed class RecurringSyncJobs(
    IRecurringJobManager recurring, IOptions<ReconcileOptions> options, IOptions<SalesOptions> sales,
    IOptions<WebhookRetentionOptions> retention) : IHostedService
{
    public const string IncrementalId = "reconcile-incremental";
    public const string FullSweepId = "reconcile-full-sweep";
    public const string CatalogId = "sync-catalog";
    public const string SalesDriftId = "daily-sales-drift";
    public const string RetentionId = "webhook-retention";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var schedule = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone) };
        recurring.AddOrUpdate<SyncJobs>(IncrementalId, j => j.IncrementalAsync(null, null, CancellationToken.None), settings.IncrementalCron, schedule);
        recurring.AddOrUpdate<SyncJobs>(FullSweepId, j => j.FullSweepAsync(null, null, CancellationToken.None), settings.FullSweepCron, schedule);
        recurring.AddOrUpdate<SyncJobs>(CatalogId, j => j.CatalogAsync(null, null, CancellationToken.None), settings.CatalogCron, schedule);
        recurring.AddOrUpdate<SalesJobs>(SalesDriftId, j => j.DriftAsync(null, null, CancellationToken.None), sales.Value.DriftCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(sales.Value.TimeZone) });
        recurring.AddOrUpdate<WebhookRetentionJob>(RetentionId, j => j.RunAsync(CancellationToken.None), retention.Value.Cron, schedule);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
