using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Commands;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Reconciliation.Audit;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

public static class TicketscloudServiceCollectionExtensions
{
    /// <summary>
    /// Ticketscloud as a platform of the service, its one registration line: the client, what mirrors its accounts
    /// (upserter, page writer, its side of the reconcile seam, its auditor and its recurring jobs) and its order actions with
    /// their command client.
    /// </summary>
    public static IServiceCollection AddTicketscloudPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTicketscloudClient(configuration);
        services.TryAddSingleton<TicketscloudAccounts>();
        services.TryAddSingleton<TicketscloudUpserter>();
        services.TryAddSingleton<TicketscloudPageWriter>();
        services.TryAddTransient<TicketscloudInitialLoad>();
        services.TryAddTransient<TicketscloudReconciler>();
        services.AddTransient<IReconcilePlatform>(sp => sp.GetRequiredService<TicketscloudReconciler>());
        services.AddSingleton<IAccountRecurringJobs, TicketscloudRecurringJobs>();
        services.AddTicketscloudCommandClient();
        services.AddScoped<IOrderActionPlatform, TicketscloudOrderActions>();
        services.AddTransient<IPlatformAuditor, TicketscloudAuditor>();
        return services;
    }

    /// <summary>
    /// Registers <see cref="ITicketscloudCommandClient"/>: <c>PATCH</c> and <c>GET</c> of one order behind
    /// <see cref="TicketscloudWriteAllowList"/>, one attempt per write (with <c>Commands:AttemptTimeout</c>), retries
    /// for the GET only.
    /// </summary>
    public static IServiceCollection AddTicketscloudCommandClient(this IServiceCollection services)
    {
        services.AddHttpClient<ITicketscloudCommandClient, TicketscloudCommandClient>(TicketscloudCommandClient.HttpClientName, http =>
            {
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddCommandPipeline("ticketscloud-commands", () => new TicketscloudWriteAllowList(),
                provider => provider.GetRequiredService<IOptions<TicketscloudOptions>>().Value.Limits,
                provider => provider.GetRequiredService<IOptions<CommandOptions>>().Value.AttemptTimeout);
        return services;
    }

    /// <summary>
    /// Registers <see cref="ITicketscloudClient"/> with its options (validated on start), the read-only guard,
    /// the resilience pipeline shared with the QTickets client (429 waited out, 5xx retried, rate limited) and the
    /// rate slot each account's requests share with every other instance.
    /// </summary>
    public static IServiceCollection AddTicketscloudClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TicketscloudOptions>()
            .Bind(configuration.GetSection(TicketscloudOptions.SectionName))
            .Configure(o =>
            {
                var accounts = new AccountsOptions();
                AccountsOptions.Read(configuration, accounts);
                foreach (var entry in accounts.Entries.Where(e => e.Platform == AccountPlatforms.Ticketscloud && e.Name is not null))
                {
                    if (configuration[entry.Setting("TimeZone")] is { Length: > 0 } zone)
                    {
                        o.AccountTimeZones[entry.Name!] = zone.Trim();
                    }
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TicketscloudOptions>, TicketscloudOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlatformAccountDefaults, TicketscloudAccountDefaults>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient<ITicketscloudClient, TicketscloudClient>(TicketscloudClient.HttpClientName, http =>
            {
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                // The resilience pipeline owns every timeout.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // Each request carries its account, the client serving them all: the slot is its account's.
            .AddSyncPipeline("Ticketscloud", "ticketscloud",
                provider => provider.GetRequiredService<IOptions<TicketscloudOptions>>().Value.Limits,
                provider => SharedRateLimitHandler.PerRequest(
                    provider, provider.GetRequiredService<IOptions<TicketscloudOptions>>().Value.RequestsPerSecond));
        return services;
    }
}
