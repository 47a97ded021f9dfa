using Hangfire;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>Hangfire's entry point for <see cref="WebhookRetention"/>; retried like the sync jobs, harmlessly.</summary>
public sealed class WebhookRetentionJob(WebhookRetention retention)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [300, 900, 3600])]
    [JobDisplayName("Webhook inbox retention")]
    public Task RunAsync(CancellationToken cancellationToken) => retention.RunAsync(cancellationToken);
}
