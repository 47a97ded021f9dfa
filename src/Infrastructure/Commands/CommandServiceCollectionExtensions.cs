using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using System.Net.Http.Headers;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Ticketscloud;
using Qtickets.Sync.Infrastructure.Observability;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Commands;

public static class CommandServiceCollectionExtensions
{
    /// <summary>
    /// The order command path: options (validated on start), the platforms' command clients (behind their allow-lists,
    /// with one attempt per write) and the service. Needs <c>AddQticketsClient</c> and <c>AddTicketscloud</c> (their options).
    /// </summary>
    public static IServiceCollection AddOrderCommands(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CommandOptions>().Bind(configuration.GetSection(CommandOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CommandOptions>, CommandOptionsValidator>());
        services.AddQticketsCommandClient();
        services.AddHttpClient<ITicketscloudCommandClient, TicketscloudCommandClient>(TicketscloudCommandClient.HttpClientName, http =>
            {
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(() => new TicketscloudWriteAllowList())
            .AddResilienceHandler("ticketscloud-commands", (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<TicketscloudOptions>>().Value;
                builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                UpstreamResilience.ConfigureCommands(builder, options.Limits,
                    context.ServiceProvider.GetRequiredService<IOptions<CommandOptions>>().Value.AttemptTimeout);
            });
        services.AddSyncMetricSet<OrderCommandMetrics>();
        services.TryAddSingleton<ICommandAccounts, DirectoryCommandAccounts>();
        services.AddScoped<IOrderActionPlatform, QticketsOrderActions>();
        services.AddScoped<IOrderActionPlatform, TicketscloudOrderActions>();
        services.AddScoped<OrderCommandService>();
        return services;
    }
}
