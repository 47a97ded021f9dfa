namespace Qtickets.Emulator.Webhooks;

/// <summary>One webhook as QTickets would send it: the event type and the serialised order (body bytes are signed as is).</summary>
public sealed record WebhookMessage(string EventType, int OrderId, byte[] Body);
