namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>Where a delivery landed in the inbox: its row id, and whether it repeated one already there.</summary>
public readonly record struct InboxEntry(long DeliveryId, bool Duplicate);
