using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Commands;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Qtickets.Reconcile;
using Qtickets.Sync.Infrastructure.Qtickets.Webhooks;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Reconciliation.Audit;
using Qtickets.Sync.Infrastructure.Upstream;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Infrastructure.Qtickets;

public static class QticketsServiceCollectionExtensions
{
    /// <summary>
    /// QTickets as a platform of the service, its one registration line: the clients (sync and command), its side
    /// of the reconcile seam (reconcilers, catalog sync, initial load, auditor), its recurring jobs and its order
    /// actions.
    /// </summary>
    public static IServiceCollection AddQticketsPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddQticketsClient(configuration);
        services.AddQticketsCommandClient();
        services.AddSingleton<OrderPageWriter>();
        services.AddTransient<QticketsInitialLoad>();
        services.AddTransient<IncrementalReconciler>();
        services.AddTransient<FullSweepReconciler>();
        services.AddTransient<BackfillReconciler>();
        services.AddTransient<CatalogSynchronizer>();
        services.AddTransient<IReconcilePlatform, QticketsReconcile>();
        services.AddTransient<IPlatformAuditor, QticketsAuditor>();
        services.AddSingleton<IAccountRecurringJobs, QticketsRecurringJobs>();
        services.AddScoped<IOrderActionPlatform, QticketsOrderActions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookPlatform, QticketsWebhookPlatform>());
        return services;
    }

    /// <summary>
    /// Registers <see cref="IQticketsClient"/> (the client of the account the <c>Qtickets:…</c> settings describe)
    /// with its options (validated on start), the read-only guard and the resilience pipeline; and, for every
    /// QTickets account of <c>Accounts:n</c>, a named client of its own (its base URL, token and rate), reached
    /// through <see cref="QticketsClients"/>.
    /// </summary>
    public static IServiceCollection AddQticketsClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var listsAccounts = AccountsOptions.ListsAccounts(configuration);
        services.AddOptions<QticketsOptions>()
            .Bind(configuration.GetSection(QticketsOptions.SectionName))
            .Configure(o => o.TokenRequired = !listsAccounts)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QticketsOptions>, QticketsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<QticketsClients>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlatformAccountDefaults, QticketsAccountDefaults>());

        services.AddHttpClient<IQticketsClient, QticketsClient>(QticketsClient.HttpClientName, (provider, http) =>
                Configure(http, provider.GetRequiredService<IOptions<QticketsOptions>>().Value))
            .AddSyncPipeline("QTickets", "qtickets",
                provider => provider.GetRequiredService<IOptions<QticketsOptions>>().Value.Limits,
                provider => SharedRateLimitHandler.ForAccount(
                    provider, IdOf(provider, Account.DefaultName), provider.GetRequiredService<IOptions<QticketsOptions>>().Value.RequestsPerSecond));

        var accounts = new AccountsOptions();
        AccountsOptions.Read(configuration, accounts);
        foreach (var entry in accounts.Entries.Where(e => (e.Platform ?? AccountPlatforms.Qtickets) == AccountPlatforms.Qtickets && e.Name is { Length: > 0 }))
        {
            AddAccountClient(services, configuration, entry);
        }
        return services;
    }

    /// <summary>
    /// Registers <see cref="IQticketsCommandClient"/>: the order write endpoints behind
    /// <see cref="QticketsWriteAllowList"/>, one attempt per write (with <c>Commands:AttemptTimeout</c>), retries for
    /// the GET only.
    /// </summary>
    public static IServiceCollection AddQticketsCommandClient(this IServiceCollection services)
    {
        services.AddHttpClient<IQticketsCommandClient, QticketsCommandClient>(QticketsCommandClient.HttpClientName, http =>
            {
                // Base and token come with each request (the account's); the rest is common.
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                http.DefaultRequestHeaders.CacheControl = new CacheControlHeaderValue { NoCache = true };
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddCommandPipeline("qtickets-commands", () => new QticketsWriteAllowList(),
                provider => provider.GetRequiredService<IOptions<QticketsOptions>>().Value.Limits,
                provider => provider.GetRequiredService<IOptions<CommandOptions>>().Value.AttemptTimeout);
        return services;
    }

    /// <summary>The account's options: the <c>Qtickets</c> section's, with the account's own base URL, token, organization and rate.</summary>
    private static void AddAccountClient(IServiceCollection services, IConfiguration configuration, AccountEntry entry)
    {
        var name = entry.Name!;
        services.AddOptions<QticketsOptions>(name)
            .Bind(configuration.GetSection(QticketsOptions.SectionName))
            .Configure(o =>
            {
                o.BaseUrl = entry.BaseUrl is { Length: > 0 } url ? url : o.BaseUrl;
                o.Token = entry.Token ?? "";
                o.Organization = string.IsNullOrWhiteSpace(entry.Organization) ? null : entry.Organization;
                o.RequestsPerSecond = int.TryParse(entry.RequestsPerSecond, out var rate) ? rate : o.RequestsPerSecond;
            });
        services.AddHttpClient(QticketsClients.HttpClientName(name), (provider, http) =>
                Configure(http, provider.GetRequiredService<IOptionsMonitor<QticketsOptions>>().Get(name)))
            .AddSyncPipeline("QTickets", "qtickets",
                provider => provider.GetRequiredService<IOptionsMonitor<QticketsOptions>>().Get(name).Limits,
                provider => SharedRateLimitHandler.ForAccount(
                    provider, IdOf(provider, name), provider.GetRequiredService<IOptionsMonitor<QticketsOptions>>().Get(name).RequestsPerSecond));
    }

    /// <summary>The id of the account a named client serves, from the directory; none in a host without one.</summary>
    private static Func<CancellationToken, ValueTask<int?>> IdOf(IServiceProvider provider, string account)
    {
        var directory = provider.GetService<AccountDirectory>();
        return async ct => directory is null ? null : (await directory.GetAsync(account, ct).ConfigureAwait(false)).Id;
    }

    private static void Configure(HttpClient http, QticketsOptions options)
    {
        http.BaseAddress = new Uri(options.BaseUrl.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.CacheControl = new CacheControlHeaderValue { NoCache = true };
        // The resilience pipeline owns every timeout; HttpClient's own 100 s would cut the total one short.
        http.Timeout = Timeout.InfiniteTimeSpan;
    }
}
