namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>Which order a delivery is about, and the stamp its body gives it; either may be missing from a body.</summary>
public readonly record struct WebhookOrderKey(long? OrderId, DateTimeOffset? UpdatedAt);
