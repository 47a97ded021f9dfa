namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>A webhook request as read off the wire, before any judgement.</summary>
/// <param name="Body">The raw body, or its first <c>Webhooks:MaxBodyBytes</c> bytes when <paramref name="TooLarge"/>.</param>
/// <param name="HeadersJson">The request headers as a JSON object.</param>
public sealed record WebhookRequest(
    ReadOnlyMemory<byte> Body,
    bool TooLarge,
    string? EventType,
    string? ModelName,
    string? Signature,
    string HeadersJson,
    string? RemoteIp);
