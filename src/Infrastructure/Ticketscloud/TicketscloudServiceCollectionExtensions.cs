using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

public static class TicketscloudServiceCollectionExtensions
{
    /// <summary>The Ticketscloud client and what mirrors and audits its accounts: the upserter, page writer, reconciler and auditor.</summary>
    public static IServiceCollection AddTicketscloud(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTicketscloudClient(configuration);
        services.TryAddSingleton<TicketscloudAccounts>();
        services.TryAddSingleton<TicketscloudUpserter>();
        services.TryAddSingleton<TicketscloudPageWriter>();
        services.TryAddTransient<TicketscloudInitialLoad>();
        services.TryAddTransient<TicketscloudReconciler>();
        services.AddTransient<Reconciliation.Audit.IPlatformAuditor, TicketscloudAuditor>();
        return services;
    }

    /// <summary>
    /// Registers <see cref="ITicketscloudClient"/> with its options (validated on start), the read-only guard and
    /// the resilience pipeline shared with the QTickets client (429 waited out, 5xx retried, rate limited).
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
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient<ITicketscloudClient, TicketscloudClient>(TicketscloudClient.HttpClientName, http =>
            {
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                // The resilience pipeline owns every timeout.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(() => new ReadOnlyGuardHandler("Ticketscloud"))
            .AddResilienceHandler("ticketscloud", (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<TicketscloudOptions>>().Value;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                QticketsResilience.Configure(builder, new UpstreamLimits(options.TotalTimeout, options.AttemptTimeout,
                    options.MaxRetries, options.RetryBaseDelay, options.RequestsPerSecond), time, owned => context.OnPipelineDisposed(owned.Dispose));
            });
        return services;
    }
}
