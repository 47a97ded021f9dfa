using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Infrastructure.Commands;

public static class CommandServiceCollectionExtensions
{
    /// <summary>The order command path: options (validated on start), the platforms' command clients and the service.</summary>
    public static IServiceCollection AddOrderCommands(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CommandOptions>().Bind(configuration.GetSection(CommandOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CommandOptions>, CommandOptionsValidator>());
        services.AddQticketsCommandClient();
        services.AddSingleton<OrderCommandMetrics>();
        services.TryAddSingleton<ICommandAccounts, SingleCommandAccount>();
        services.AddScoped<IOrderActionPlatform, QticketsOrderActions>();
        services.AddScoped<OrderCommandService>();
        return services;
    }
}
