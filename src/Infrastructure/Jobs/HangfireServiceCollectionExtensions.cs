using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Jobs;

public static class HangfireServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire on PostgreSQL. The storage is registered as a DI singleton before Hangfire's own registration
    /// so every client, server and dashboard of this host uses it, never the process-wide
    /// <c>JobStorage.Current</c> (several hosts share one process in the tests). Use the injected
    /// <see cref="IBackgroundJobClient"/>/<see cref="IRecurringJobManager"/>, not the static helpers.
    /// Also registers the jobs and the trigger; the hosted services (the recurring schedule, the job server and
    /// the sweeper) are started in the host's ordered list.
    /// </summary>
    public static IServiceCollection AddSyncJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();

        services.AddSingleton<JobStorage>(sp =>
        {
            var connectionString = sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString;
            var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            var storageOptions = new PostgreSqlStorageOptions
            {
                SchemaName = jobs.Schema,
                PrepareSchemaIfNecessary = true,
                // The default fixed 30-minute invisibility left a dead process's backfill untouched for half an
                // hour; a sliding one is renewed by the live worker, so it can be short (see JobsOptions).
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = jobs.InvisibilityTimeout,
                QueuePollInterval = jobs.QueuePollInterval,
            };
            // Not the shared NpgsqlDataSource, on purpose: Hangfire's workers and distributed locks hold
            // connections for as long as a job or a poll lasts, and on a pool of their own they can never take the
            // connections the webhook inbox needs to commit (and answer) a delivery.
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
        });
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .UseStorage(sp.GetRequiredService<JobStorage>()));

        services.AddTransient<ReconcileJobs>();
        services.AddTransient<AuditJobs>();
        services.AddTransient<SalesJobs>();
        services.AddTransient<WebhookRetentionJob>();
        services.AddTransient<PersonalDataRetentionJob>();
        services.AddSingleton<SyncRunTrigger>();
        services.AddSingleton<RecurringJobClock>();
        services.AddSingleton<InterruptedRunSweeper>();
        return services;
    }

    /// <summary>
    /// The Hangfire server of a role that runs jobs (<c>Jobs:Role</c> all or worker): its workers build jobs from
    /// this host's container.
    /// </summary>
    public static IServiceCollection AddSyncJobServer(this IServiceCollection services)
    {
        services.AddHangfireServer((sp, server) =>
        {
            var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            server.WorkerCount = jobs.WorkerCount;
            server.HeartbeatInterval = jobs.ServerHeartbeatInterval;
            server.ServerTimeout = jobs.ServerDeadAfter;
            server.ServerCheckInterval = jobs.ServerHeartbeatInterval;
            server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            // Otherwise the workers build jobs with the process-wide JobActivator.Current, i.e. from the
            // container of whichever host configured Hangfire last.
            server.Activator = new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
        });
        return services;
    }

    /// <summary>Whether this host's role runs jobs (a Hangfire server) or only queues them.</summary>
    public static bool RunsJobs(IConfiguration configuration) =>
        (configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions()).RunsJobs;
}
