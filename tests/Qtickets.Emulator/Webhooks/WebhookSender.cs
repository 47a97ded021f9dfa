using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Qtickets.Emulator.Faults;

namespace Qtickets.Emulator.Webhooks;

/// <summary>
/// Delivers webhooks the way QTickets does: POST the body, only HTTP 200 counts, otherwise retry n³ seconds
/// later (scaled by <see cref="EmulatorOptions.WebhookRetryScale"/>) up to the retry limit, then give up.
/// First attempts go out one at a time in publish order; retries run on their own. Drop, duplicate, reorder
/// and delay faults are applied here.
/// </summary>
public sealed class WebhookSender(
    WebhookQueue queue,
    IHttpClientFactory httpClients,
    EmulatorFaults faults,
    EmulatorStats stats,
    TimeProvider time,
    IOptions<EmulatorOptions> options,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    /// <summary>How long a reordered webhook waits for a successor before it is sent anyway.</summary>
    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WebhookMessage? held = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var message = held is null
                ? await queue.Reader.ReadAsync(stoppingToken)
                : await ReadOrTimeOutAsync(stoppingToken);
            if (message is null)
            {
                await DispatchAsync(held!, duplicate: false, stoppingToken);
                held = null;
                continue;
            }

            var fault = faults.NextWebhookFault();
            if (fault.Drop)
            {
                Interlocked.Increment(ref stats.WebhooksDropped);
                logger.LogDebug("Dropping {EventType} webhook for order {OrderId}", message.EventType, message.OrderId);
                continue;
            }

            if (fault.Reorder && held is null)
            {
                Interlocked.Increment(ref stats.WebhooksReordered);
                held = message; // sent right after the next webhook
                continue;
            }

            if (fault.DelayMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), time, stoppingToken);
            }

            await DispatchAsync(message, fault.Duplicate, stoppingToken);
            if (held is not null)
            {
                await DispatchAsync(held, duplicate: false, stoppingToken);
                held = null;
            }
        }
    }

    private async Task<WebhookMessage?> ReadOrTimeOutAsync(CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(HoldTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            return await queue.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task DispatchAsync(WebhookMessage message, bool duplicate, CancellationToken stoppingToken)
    {
        if (duplicate)
        {
            Interlocked.Increment(ref stats.WebhooksDuplicated);
            await DeliverAsync(message, 0, stoppingToken);
        }

        await DeliverAsync(message, 0, stoppingToken);
    }

    private async Task DeliverAsync(WebhookMessage message, int retry, CancellationToken stoppingToken)
    {
        if (retry == 0)
        {
            Interlocked.Increment(ref stats.WebhooksPending);
        }

        if (await TrySendAsync(message, stoppingToken))
        {
            Interlocked.Increment(ref stats.WebhooksDelivered);
            Interlocked.Decrement(ref stats.WebhooksPending);
            return;
        }

        var settings = options.Value;
        if (retry >= settings.WebhookMaxRetries)
        {
            Interlocked.Increment(ref stats.WebhooksGivenUp);
            Interlocked.Decrement(ref stats.WebhooksPending);
            logger.LogWarning(
                "Giving up on {EventType} webhook for order {OrderId} after {Retries} retries",
                message.EventType, message.OrderId, retry);
            return;
        }

        var next = retry + 1;
        var delay = TimeSpan.FromSeconds(Math.Pow(next, 3) * settings.WebhookRetryScale);
        _ = RetryLaterAsync(message, next, delay, stoppingToken);
    }

    private async Task RetryLaterAsync(WebhookMessage message, int retry, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            await DeliverAsync(message, retry, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: pending retries are abandoned, as a restarted QTickets worker would.
        }
    }

    private async Task<bool> TrySendAsync(WebhookMessage message, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl);
        request.Content = new ByteArrayContent(message.Body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "Qtickets-Webhooks/2.0");
        request.Headers.Add("X-Event-Type", message.EventType);
        request.Headers.Add("X-Model-Name", "Order");
        if (!string.IsNullOrEmpty(settings.WebhookSecret))
        {
            request.Headers.Add("X-Signature", WebhookSignature.Compute(settings.WebhookSecret, message.Body));
        }

        Interlocked.Increment(ref stats.WebhookAttempts);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, stoppingToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return true;
            }

            logger.LogDebug(
                "{EventType} webhook for order {OrderId} answered {Status}",
                message.EventType, message.OrderId, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug(e, "{EventType} webhook for order {OrderId} failed", message.EventType, message.OrderId);
        }

        Interlocked.Increment(ref stats.WebhookFailedAttempts);
        return false;
    }
}
