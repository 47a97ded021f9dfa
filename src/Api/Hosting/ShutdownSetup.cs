using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Hosting;

public static class ShutdownSetup
{
    /// <summary>The host's shutdown timeout from <c>Host:ShutdownTimeoutSeconds</c>, validated on start.</summary>
    public static IServiceCollection AddShutdownTimeout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>(
            (host, shutdown) => host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.Value.ShutdownTimeoutSeconds));
        return services;
    }
}
