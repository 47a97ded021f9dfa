using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Qtickets.Webhooks;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Api.Endpoints;

public static partial class Webhooks
{
    // Credentials a proxy might add have no business in the inbox.
    private static readonly HashSet<string> UnstoredHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key",
    };

    /// <summary>
    /// <c>POST /webhooks/qtickets/{account}</c>, the receiver an account's QTickets cabinet posts orders to, and
    /// <c>POST /webhooks/qtickets</c> for the single-account setup. They take no API key (QTickets cannot send
    /// one): the credential is X-Signature, made with the account's secret.
    /// </summary>
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        Describe(app.MapPost("/webhooks/qtickets", ReceiveForOnlyAccountAsync))
            .WithName("ReceiveQticketsWebhook")
            .WithSummary("Receives a QTickets order webhook (single-account setup; 404 when several QTickets accounts exist)");
        Describe(app.MapPost("/webhooks/qtickets/{account}", ReceiveForAccountAsync))
            .WithName("ReceiveQticketsAccountWebhook")
            .WithSummary("Receives a QTickets order webhook for the named account, verified with that account's secrets");
        return app;
    }

    private static RouteHandlerBuilder Describe(RouteHandlerBuilder endpoint) =>
        endpoint
            .AllowAnonymous()
            .WithTags("Webhooks")
            .Accepts<JsonElement>("application/json")
            .DocumentsHeader("X-Signature", required: true,
                "Lowercase hex HMAC-SHA1 of the raw body, keyed with one of the account's webhook secrets; not checked only " +
                "for an account without secrets where the deployment sets Webhooks:AllowUnsigned.")
            .DocumentsHeader("X-Event-Type", required: true,
                $"The order event: {string.Join(", ", WebhookEventTypes.Known.Order(StringComparer.Ordinal))}; another value is stored and flagged, not applied.")
            .DocumentsHeader("X-Model-Name", required: false, "The kind of object in the body, when sent.", QticketsWebhookPlatform.Model)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status431RequestHeaderFieldsTooLarge)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>What receiving a delivery needs, resolved once per request.</summary>
    private sealed record Receiver(
        AccountDirectory Accounts,
        WebhookIntake Intake,
        WebhookInbox Inbox,
        WebhookRefusalLimiter Refusals,
        WebhookMetrics Metrics,
        IOptions<WebhookOptions> Options,
        TimeProvider Time,
        ILoggerFactory Loggers);

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveForOnlyAccountAsync(
        HttpRequest request, [AsParameters] Receiver receiver, CancellationToken cancellationToken)
    {
        if (await receiver.Accounts.SingleAsync(AccountPlatforms.Qtickets, cancellationToken) is not { } account)
        {
            return NoAccount(request, receiver,
                "Several QTickets accounts are configured: post each account's webhooks to /webhooks/qtickets/{account}.");
        }
        return await ReceiveAsync(request, receiver, account, cancellationToken);
    }

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveForAccountAsync(
        string account, HttpRequest request, [AsParameters] Receiver receiver, CancellationToken cancellationToken)
    {
        var found = await receiver.Accounts.FindAsync(account, cancellationToken);
        if (found is null || found.Platform != AccountPlatforms.Qtickets || !found.Settings.Enabled)
        {
            return NoAccount(request, receiver, $"No enabled QTickets account is named '{account}'.");
        }
        return await ReceiveAsync(request, receiver, found, cancellationToken);
    }

    /// <summary>Not stored (there is no account to file it under), but counted against the sender like any refusal.</summary>
    private static ProblemHttpResult NoAccount(HttpRequest request, Receiver receiver, string detail)
    {
        if (!receiver.Refusals.TryRefuse(request.HttpContext.Connection.RemoteIpAddress?.ToString()))
        {
            receiver.Metrics.Delivery(null, WebhookOutcomes.RateLimited);
            return TooManyRefusals();
        }
        receiver.Metrics.Delivery(null, WebhookOutcomes.UnknownAccount);
        return TypedResults.Problem(title: "Unknown webhook account", detail: detail, statusCode: StatusCodes.Status404NotFound);
    }

    private static ProblemHttpResult TooManyRefusals() =>
        TypedResults.Problem(
            title: "Too many refused webhooks",
            detail: "This address sent too many requests that were refused; they are no longer stored. Retry later.",
            statusCode: StatusCodes.Status429TooManyRequests);

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, Receiver receiver, SyncAccount account, CancellationToken cancellationToken)
    {
        var (_, intake, inbox, refusals, metrics, options, time, loggers) = receiver;
        var logger = loggers.CreateLogger(typeof(Webhooks));
        var delivery = await InspectAsync(request, intake, account, options.Value.MaxBodyBytes, cancellationToken);
        if (delivery.Status == DeliveryStatuses.Rejected && !refusals.TryRefuse(delivery.RemoteIp))
        {
            metrics.Delivery(delivery.EventType, WebhookOutcomes.RateLimited);
            return TooManyRefusals();
        }

        InboxEntry entry;
        try
        {
            entry = await inbox.AcceptAsync(delivery);
        }
        catch (WebhookInboxUnavailableException exception)
        {
            metrics.Delivery(delivery.EventType, WebhookOutcomes.DbUnavailable);
            LogNotStored(logger, exception, delivery.EventType, delivery.OrderId);
            return TypedResults.Problem(
                title: "Webhook not stored",
                detail: "The delivery could not be stored; retry later.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        metrics.Accepted(time.GetUtcNow() - delivery.ReceivedAt);
        var outcome = Outcome(delivery, entry);
        metrics.Delivery(delivery.EventType, outcome);

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["DeliveryId"] = entry.DeliveryId, ["Account"] = account.Name });
        if (delivery.Status == DeliveryStatuses.Rejected)
        {
            LogRejected(logger, delivery.EventType, delivery.OrderId, delivery.ResponseStatus, delivery.Reason);
            return TypedResults.Problem(
                title: "Webhook rejected",
                detail: delivery.Reason,
                statusCode: delivery.ResponseStatus,
                extensions: new Dictionary<string, object?> { ["delivery_id"] = entry.DeliveryId });
        }
        LogStored(logger, delivery.EventType, delivery.OrderId, outcome);
        return TypedResults.Ok(new WebhookReceipt(entry.DeliveryId, entry.Duplicate ? WebhookReceipt.Duplicate : delivery.Status));
    }

    private static async Task<IncomingDelivery> InspectAsync(
        HttpRequest request, WebhookIntake intake, SyncAccount account, int maxBodyBytes, CancellationToken cancellationToken)
    {
        var (buffer, length) = await ReadBodyAsync(request.Body, request.ContentLength, maxBodyBytes, cancellationToken);
        try
        {
            return intake.Inspect(new WebhookRequest(
                buffer.AsMemory(0, Math.Min(length, maxBodyBytes)),
                TooLarge: length > maxBodyBytes,
                EventType: Header(request, "X-Event-Type"),
                ModelName: Header(request, "X-Model-Name"),
                Signature: Header(request, "X-Signature"),
                HeadersJson: HeadersJson(request.Headers),
                RemoteIp: request.HttpContext.Connection.RemoteIpAddress?.ToString()), account);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads at most one byte past the limit: enough to know the body is too large, no more.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(Stream body, long? contentLength, int maxBodyBytes, CancellationToken cancellationToken)
    {
        var limit = maxBodyBytes + 1;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(contentLength ?? 16 * 1024, 1, limit));
        var length = 0;
        try
        {
            while (length < limit)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit) - length), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString().Trim() : null;

    /// <summary>Each header value is kept to this many characters: the inbox row is evidence, not an archive.</summary>
    private const int MaxStoredHeaderLength = 512;

    private static string HeadersJson(IHeaderDictionary headers)
    {
        var output = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            foreach (var (name, values) in headers)
            {
                if (!UnstoredHeaders.Contains(name))
                {
                    writer.WriteString(name, StorableText.Of(values.ToString(), MaxStoredHeaderLength));
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string Outcome(IncomingDelivery delivery, InboxEntry entry) => delivery.Status switch
    {
        DeliveryStatuses.Rejected when delivery.ResponseStatus == StatusCodes.Status401Unauthorized => WebhookOutcomes.RejectedSignature,
        DeliveryStatuses.Rejected => WebhookOutcomes.RejectedBody,
        _ when entry.Duplicate => WebhookOutcomes.Duplicate,
        DeliveryStatuses.Flagged => WebhookOutcomes.Flagged,
        _ => WebhookOutcomes.Accepted,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {EventType} for order {OrderId} stored: {Outcome}")]
    private static partial void LogStored(ILogger logger, string? eventType, long? orderId, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventType} for order {OrderId} rejected with {StatusCode}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string? eventType, long? orderId, int statusCode, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {EventType} for order {OrderId} could not be stored; answered 503")]
    private static partial void LogNotStored(ILogger logger, Exception exception, string? eventType, long? orderId);
}
