using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>Says once, at start, that anyone who knows the URL can post notices when no secret is configured.</summary>
internal sealed partial class UnsignedWebhooksWarning(WebhookSignatureVerifier signatures, ILogger<UnsignedWebhooksWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!signatures.IsConfigured)
        {
            LogUnsigned(logger, WebhookOptions.SecretsKey);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhooks are accepted unsigned (Webhooks:AllowUnsigned): {Setting} is empty, so X-Signature is not checked and every order is fetched back from the API instead")]
    private static partial void LogUnsigned(ILogger logger, string setting);
}
