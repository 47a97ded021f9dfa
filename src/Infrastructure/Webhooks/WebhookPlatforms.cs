namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>The registered <see cref="IWebhookPlatform"/>s, found by an account's platform.</summary>
public sealed class WebhookPlatforms(IEnumerable<IWebhookPlatform> platforms)
{
    private readonly Dictionary<string, IWebhookPlatform> byName = platforms.ToDictionary(p => p.Platform, StringComparer.Ordinal);

    /// <summary>The platform's webhooks; null when its accounts take none (their rows come by reconcile only).</summary>
    public IWebhookPlatform? Find(string platform) => byName.GetValueOrDefault(platform);
}
