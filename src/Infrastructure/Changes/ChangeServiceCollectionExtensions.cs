using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Changes;

public static class ChangeServiceCollectionExtensions
{
    /// <summary>Order history's feed sequencer and upkeep (<c>Changes</c> settings, validated on start).</summary>
    public static IServiceCollection AddOrderChanges(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChangeFeedOptions>().Bind(configuration.GetSection(ChangeFeedOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChangeFeedOptions>, ChangeFeedOptionsValidator>());
        services.AddSingleton<ChangeFeedSequencer>();
        services.AddSingleton<ChangeRetention>();
        services.AddSingleton<ChangeBaseline>();
        services.AddSingleton<ChangeStateFill>();
        services.AddTransient<ChangeJobs>();
        return services;
    }
}
