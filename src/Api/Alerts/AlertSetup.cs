using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Qtickets.Sync.Api.Alerts;

public static class AlertSetup
{
    public const string HttpClientName = "alerts";

    /// <summary>
    /// Alert rules, state, the outbound client with its own retry and timeouts, and the monitor (started in
    /// <see cref="Hosting.HostedServices"/>).
    /// </summary>
    public static IServiceCollection AddSyncAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.AddSingleton<SalesDriftSource>();
        services.AddSingleton<AlertFacts>();
        services.AddSingleton<AlertStateStore>();
        var alerts = configuration.GetSection(AlertOptions.Section).Get<AlertOptions>() ?? new AlertOptions();
        services.AddHttpClient<AlertNotifier>(HttpClientName)
            .AddResilienceHandler(HttpClientName, builder =>
            {
                builder.AddTimeout(alerts.SendTimeout);
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(1),
                });
                builder.AddTimeout(alerts.AttemptTimeout);
            });
        services.AddSingleton<AlertMonitor>();
        return services;
    }
}
