using Qtickets.Sync.Api.Alerts;
using Qtickets.Sync.Api.Audit;
using Qtickets.Sync.Api.Health;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Changes;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Sales;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Api.Hosting;

/// <summary>
/// Every hosted service of the service, in the order the host starts them (one after the other; it stops them in
/// the reverse order). They start after the migrations (<c>MigrateOnStartAsync</c>) and before the web server
/// listens, so nothing here sees a request before it is ready. The modules register what these services use; only
/// this list starts anything.
/// </summary>
public static class HostedServices
{
    public static IServiceCollection AddHostedServicesInOrder(this IServiceCollection services, IConfiguration configuration)
    {
        // The inbox's writer first: a webhook is accepted only once it can be stored, and on stop the inbox is
        // among the last to go, so every queued delivery is written before the database is left.
        services.AddHostedService(sp => sp.GetRequiredService<WebhookInbox>());
        // The applier picks up what a previous process stored but did not apply, before new deliveries arrive.
        services.AddHostedService<WebhookApplierService>();
        services.AddHostedService<UnsignedWebhooksWarning>();
        // Every configured account gets its id before the first job or webhook needs it.
        services.AddHostedService<AccountRegistration>();
        services.AddHostedService<DailySalesFolderService>();
        // The schedule is written to Hangfire's storage (every role; only roles with a server execute it): a
        // rebuild of the daily sales for a changed zone, the change feed's upkeep, then each account's jobs.
        services.AddHostedService<SalesTimeZoneWatch>();
        services.AddHostedService<ChangeJobsSetup>();
        services.AddHostedService<RecurringSyncJobs>();
        if (HangfireServiceCollectionExtensions.RunsJobs(configuration))
        {
            // The job server once the schedule is in place; the sweeper after it, since it judges a run's process
            // alive by its Hangfire server's heartbeat, this host's own included.
            services.AddSyncJobServer();
            services.AddHostedService(sp => sp.GetRequiredService<InterruptedRunSweeper>());
        }
        // Observers last: they read what the services above keep up to date.
        services.AddHostedService<SyncLagMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertMonitor>());
        services.AddHostedService<StartupAudit>();
        return services;
    }
}
