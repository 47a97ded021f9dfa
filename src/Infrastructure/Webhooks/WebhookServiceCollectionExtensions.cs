using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Observability;

namespace Qtickets.Sync.Infrastructure.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Registers the webhook intake, the group-commit inbox writer and the applier (which runs in every role:
    /// it is how a webhook reaches the mirror). Needs <c>AddSyncDatabase</c> and the platforms that take webhooks
    /// (each registers its <see cref="IWebhookPlatform"/>: <c>AddQticketsPlatform</c>). The inbox's writer and the
    /// applier's loop are started in the host's list of hosted services.
    /// </summary>
    public static IServiceCollection AddWebhookIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WebhookRetentionOptions>()
            .Bind(configuration.GetSection(WebhookRetentionOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookRetentionOptions>, WebhookRetentionOptionsValidator>());
        services.AddSingleton<WebhookRetention>();

        services.AddMetrics();
        services.AddSyncMetricSet<WebhookMetrics>();
        services.AddSingleton<WebhookPlatforms>();
        services.AddSingleton<WebhookSignatureVerifier>();
        services.AddSingleton<WebhookIntake>();
        services.AddSingleton<WebhookRefusalLimiter>();
        services.AddSingleton<WebhookApplySignal>();
        services.AddSingleton<InboxPressure>();
        services.AddSingleton<WebhookInbox>();
        services.AddSingleton<WebhookApplier>();
        services.AddScoped<WebhookDeliveryStore>();
        return services;
    }
}
