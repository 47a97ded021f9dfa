using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Qtickets;

public static class QticketsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IQticketsClient"/> with its options (validated on start), the read-only guard and the
    /// resilience pipeline.
    /// </summary>
    public static IServiceCollection AddQticketsClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<QticketsOptions>()
            .Bind(configuration.GetSection(QticketsOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QticketsOptions>, QticketsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        var client = services.AddHttpClient<IQticketsClient, QticketsClient>(QticketsClient.HttpClientName, (provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<QticketsOptions>>().Value;
                http.BaseAddress = new Uri(options.BaseUrl.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/");
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                http.DefaultRequestHeaders.CacheControl = new CacheControlHeaderValue { NoCache = true };
                // The resilience pipeline owns every timeout; HttpClient's own 100 s would cut the total one short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(() => new ReadOnlyGuardHandler());
        client.AddResilienceHandler("qtickets", (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<QticketsOptions>>().Value;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                QticketsResilience.Configure(builder, options, time, owned => context.OnPipelineDisposed(owned.Dispose));
            });
        // Inner to the pipeline: every attempt takes a slot of the limit all instances share.
        client.AddHttpMessageHandler(provider => new SharedRateLimitHandler(provider));

        return services;
    }

    /// <summary>
    /// Registers <see cref="IQticketsCommandClient"/>: the order write endpoints behind
    /// <see cref="QticketsWriteAllowList"/>, one attempt per write (with <c>Commands:AttemptTimeout</c>), retries for
    /// the GET only, and the request budget shared with the sync.
    /// </summary>
    public static IServiceCollection AddQticketsCommandClient(this IServiceCollection services)
    {
        var client = services.AddHttpClient<IQticketsCommandClient, QticketsCommandClient>(QticketsCommandClient.HttpClientName, http =>
            {
                // Base and token come with each request (the account's); the rest is common.
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                http.DefaultRequestHeaders.CacheControl = new CacheControlHeaderValue { NoCache = true };
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(() => new QticketsWriteAllowList());
        client.AddResilienceHandler("qtickets-commands", (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<QticketsOptions>>().Value;
                var commands = context.ServiceProvider.GetRequiredService<IOptions<Commands.CommandOptions>>().Value;
                builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                QticketsResilience.ConfigureCommands(builder, new UpstreamLimits(
                    options.TotalTimeout, options.AttemptTimeout, options.MaxRetries, options.RetryBaseDelay, options.RequestsPerSecond), commands);
            });
        client.AddHttpMessageHandler(provider => new SharedRateLimitHandler(provider));
        return services;
    }
}
