using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>Says once per account, at start, that anyone who knows the URL can post notices when it has no secret.</summary>
public sealed partial class UnsignedWebhooksWarning(
    AccountDirectory accounts, WebhookPlatforms platforms, WebhookSignatureVerifier signatures, ILogger<UnsignedWebhooksWarning> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var account in accounts.Configured.Where(a => a.Enabled && platforms.Find(a.Platform) is not null))
        {
            if (!signatures.IsConfigured(account))
            {
                LogUnsigned(logger, $"{account.SettingsPrefix}:WebhookSecrets", account.Name);
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhooks are accepted unsigned (Webhooks:AllowUnsigned): {Setting} is empty, so X-Signature is not checked for account {Account} and every order is fetched back from the API instead")]
    private static partial void LogUnsigned(ILogger logger, string setting, string account);
}
