using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Observability;

namespace Qtickets.Sync.Infrastructure.Commands;

public static class CommandServiceCollectionExtensions
{
    /// <summary>
    /// The order command path: options (validated on start), the accounts it acts for and the service. Each platform
    /// registers its command client and <see cref="IOrderActionPlatform"/> (<c>AddQticketsPlatform</c>, <c>AddTicketscloudPlatform</c>).
    /// </summary>
    public static IServiceCollection AddOrderCommands(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CommandOptions>().Bind(configuration.GetSection(CommandOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CommandOptions>, CommandOptionsValidator>());
        services.AddSyncMetricSet<OrderCommandMetrics>();
        services.TryAddSingleton<ICommandAccounts, DirectoryCommandAccounts>();
        services.AddScoped<OrderCommandService>();
        return services;
    }
}
