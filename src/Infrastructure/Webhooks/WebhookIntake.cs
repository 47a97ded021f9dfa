using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// Judges a webhook request at the door: size, signature (over the raw bytes, before anything is parsed),
/// headers, then just enough of the JSON to know which order it is about (the account's platform reads that).
/// Every verdict becomes an inbox row, refusals included, so an operator can see what was sent and why it was
/// turned away.
/// </summary>
public sealed class WebhookIntake(
    WebhookSignatureVerifier signatures, WebhookPlatforms platforms, IOptions<WebhookOptions> options, TimeProvider time)
{
    /// <summary>How much of a refused body is kept: enough to recognise it, not enough to fill the disk.</summary>
    public const int KeptPrefixBytes = 4096;

    /// <summary>The inbox columns for X-Event-Type and X-Model-Name hold this many characters.</summary>
    public const int MaxHeaderLength = 64;

    /// <param name="account">The account the request was sent for (its URL); its secrets verify the signature.</param>
    public IncomingDelivery Inspect(WebhookRequest request, SyncAccount account)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(account);
        var platform = platforms.Find(account.Platform)
            ?? throw new InvalidOperationException($"{account.Platform} accounts take no webhooks (account '{account.Name}').");
        var body = request.Body.Span;
        var delivery = new IncomingDelivery
        {
            AccountId = account.Id,
            ReceivedAt = time.GetUtcNow(),
            EventType = Shorten(request.EventType),
            ModelName = Shorten(request.ModelName),
            SignatureStatus = SignatureStatuses.NotConfigured,
            HeadersJson = request.HeadersJson,
            Body = request.TooLarge ? KeptPrefix(body) : ToText(body),
            BodySha256 = Convert.ToHexStringLower(SHA256.HashData(body)),
            Status = DeliveryStatuses.Pending,
            ResponseStatus = StatusCodes.Status200OK,
            RemoteIp = request.RemoteIp,
        };

        if (request.TooLarge)
        {
            return Reject(
                delivery with { SignatureStatus = signatures.IsConfigured(account.Settings) ? SignatureStatuses.Unverified : SignatureStatuses.NotConfigured },
                StatusCodes.Status413PayloadTooLarge,
                $"body exceeds Webhooks:MaxBodyBytes ({options.Value.MaxBodyBytes} bytes); only its first {KeptPrefixBytes} bytes are kept",
                body);
        }
        // Checked before anything is stored: a value the inbox cannot hold must fail this request alone.
        if ((HeaderProblem(request.EventType, "X-Event-Type") ?? HeaderProblem(request.ModelName, "X-Model-Name")) is { } headerProblem)
        {
            return Reject(delivery, headerProblem.Status, headerProblem.Reason, body);
        }

        delivery = delivery with { SignatureStatus = signatures.Verify(account.Settings, body, request.Signature) };
        if (delivery.SignatureStatus == SignatureStatuses.Missing)
        {
            return Reject(delivery, StatusCodes.Status401Unauthorized, "X-Signature header is missing", body);
        }
        if (delivery.SignatureStatus == SignatureStatuses.Invalid)
        {
            return Reject(delivery, StatusCodes.Status401Unauthorized, "X-Signature does not match the body", body);
        }
        if (request.ModelName is not null && request.ModelName != platform.ModelName)
        {
            return Reject(delivery, StatusCodes.Status422UnprocessableEntity, $"X-Model-Name '{request.ModelName}' is not {platform.ModelName}", body);
        }
        if (string.IsNullOrEmpty(request.EventType))
        {
            return Reject(delivery, StatusCodes.Status422UnprocessableEntity, "X-Event-Type header is missing", body);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body);
        }
        catch (JsonException)
        {
            return Reject(delivery, StatusCodes.Status400BadRequest, "body is not valid JSON", body);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Reject(delivery, StatusCodes.Status422UnprocessableEntity, "body is not a JSON object", body);
            }
            if (!platform.TryIdentify(root, out var key))
            {
                // Valid JSON, unreadable value: a lone surrogate in a string, a number no type holds.
                return Reject(delivery, StatusCodes.Status422UnprocessableEntity, "id or updated_at cannot be read", body);
            }
            if (key.OrderId is null)
            {
                return Reject(delivery, StatusCodes.Status422UnprocessableEntity, "order id is missing", body);
            }
            delivery = delivery with { OrderId = key.OrderId, OrderUpdatedAt = key.UpdatedAt };
        }

        // Answered 200 all the same: the platform would otherwise retry an event type we will never understand.
        return platform.EventTypes.Contains(request.EventType)
            ? delivery
            : delivery with { Status = DeliveryStatuses.Flagged, Reason = $"unknown event type '{request.EventType}'" };
    }

    /// <summary>A refusal keeps at most <see cref="KeptPrefixBytes"/> of the body, whatever was sent.</summary>
    private static IncomingDelivery Reject(IncomingDelivery delivery, int responseStatus, string reason, ReadOnlySpan<byte> body) =>
        delivery with
        {
            Status = DeliveryStatuses.Rejected,
            ResponseStatus = responseStatus,
            Reason = reason,
            Body = body.Length <= KeptPrefixBytes ? delivery.Body : KeptPrefix(body),
        };

    private static (int Status, string Reason)? HeaderProblem(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }
        if (value.Length > MaxHeaderLength)
        {
            return (StatusCodes.Status431RequestHeaderFieldsTooLarge, $"{name} is longer than {MaxHeaderLength} characters");
        }
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return (StatusCodes.Status400BadRequest, $"{name} holds characters other than printable ASCII");
            }
        }
        return null;
    }

    private static string? Shorten(string? header) => header is { Length: > MaxHeaderLength } ? header[..MaxHeaderLength] : header;

    /// <summary>
    /// The first <see cref="KeptPrefixBytes"/> bytes as text, cut again after decoding: invalid bytes decode to
    /// U+FFFD, three bytes each, so the text could otherwise outgrow the bytes it came from.
    /// </summary>
    private static string KeptPrefix(ReadOnlySpan<byte> body)
    {
        var text = ToText(body[..Math.Min(body.Length, KeptPrefixBytes)]);
        while (Encoding.UTF8.GetByteCount(text) > KeptPrefixBytes)
        {
            text = text[..(text.Length * 3 / 4)];
            if (char.IsHighSurrogate(text[^1]))
            {
                text = text[..^1];
            }
        }
        return text;
    }

    /// <summary>PostgreSQL text cannot hold NUL, and a refused body may be anything.</summary>
    private static string ToText(ReadOnlySpan<byte> body) => StorableText.Of(Encoding.UTF8.GetString(body));
}
