using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// Judges a webhook request at the door: size, signature (over the raw bytes, before anything is parsed),
/// headers, then just enough of the JSON to know which order it is about. Every verdict becomes an inbox row,
/// refusals included, so an operator can see what was sent and why it was turned away.
/// </summary>
public sealed class WebhookIntake(WebhookSignatureVerifier signatures, IOptions<WebhookOptions> options, TimeProvider time)
{
    /// <summary>How much of an oversized body is kept: enough to recognise it, not enough to fill the disk.</summary>
    private const int KeptPrefixBytes = 4096;

    private const string ExpectedModel = "Order";

    public IncomingDelivery Inspect(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Body.Span;
        var delivery = new IncomingDelivery
        {
            ReceivedAt = time.GetUtcNow(),
            EventType = request.EventType,
            ModelName = request.ModelName,
            SignatureStatus = SignatureStatuses.NotConfigured,
            HeadersJson = request.HeadersJson,
            Body = ToText(request.TooLarge ? body[..Math.Min(body.Length, KeptPrefixBytes)] : body),
            BodySha256 = Convert.ToHexStringLower(SHA256.HashData(body)),
            Status = DeliveryStatuses.Pending,
            ResponseStatus = StatusCodes.Status200OK,
            RemoteIp = request.RemoteIp,
        };

        if (request.TooLarge)
        {
            return Reject(
                delivery with { SignatureStatus = signatures.IsConfigured ? SignatureStatuses.Unverified : SignatureStatuses.NotConfigured },
                StatusCodes.Status413PayloadTooLarge,
                $"body exceeds Webhooks:MaxBodyBytes ({options.Value.MaxBodyBytes} bytes); only its first {KeptPrefixBytes} bytes are kept");
        }

        delivery = delivery with { SignatureStatus = signatures.Verify(body, request.Signature) };
        if (delivery.SignatureStatus == SignatureStatuses.Missing)
        {
            return Reject(delivery, StatusCodes.Status401Unauthorized, "X-Signature header is missing");
        }
        if (delivery.SignatureStatus == SignatureStatuses.Invalid)
        {
            return Reject(delivery, StatusCodes.Status401Unauthorized, "X-Signature does not match the body");
        }
        if (request.ModelName is not null && request.ModelName != ExpectedModel)
        {
            return Reject(delivery, StatusCodes.Status422UnprocessableEntity, $"X-Model-Name '{request.ModelName}' is not {ExpectedModel}");
        }
        if (string.IsNullOrEmpty(request.EventType))
        {
            return Reject(delivery, StatusCodes.Status422UnprocessableEntity, "X-Event-Type header is missing");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body);
        }
        catch (JsonException)
        {
            return Reject(delivery, StatusCodes.Status400BadRequest, "body is not valid JSON");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Reject(delivery, StatusCodes.Status422UnprocessableEntity, "body is not a JSON object");
            }
            var orderId = JsonValues.Int64(root, "id");
            if (orderId is null)
            {
                return Reject(delivery, StatusCodes.Status422UnprocessableEntity, "order id is missing");
            }
            delivery = delivery with { OrderId = orderId, OrderUpdatedAt = JsonValues.Date(root, "updated_at") };
        }

        // Answered 200 all the same: QTickets would otherwise retry an event type we will never understand.
        return WebhookEventTypes.Known.Contains(request.EventType)
            ? delivery
            : delivery with { Status = DeliveryStatuses.Flagged, Reason = $"unknown event type '{request.EventType}'" };
    }

    private static IncomingDelivery Reject(IncomingDelivery delivery, int responseStatus, string reason) =>
        delivery with { Status = DeliveryStatuses.Rejected, ResponseStatus = responseStatus, Reason = reason };

    /// <summary>PostgreSQL text cannot hold NUL, and a refused body may be anything.</summary>
    private static string ToText(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Contains('\0', StringComparison.Ordinal) ? text.Replace('\0', '\uFFFD') : text;
    }
}
