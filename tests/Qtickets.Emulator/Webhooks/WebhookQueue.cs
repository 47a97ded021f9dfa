using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Qtickets.Emulator.Api;
using Qtickets.Emulator.Data;

namespace Qtickets.Emulator.Webhooks;

/// <summary>
/// Hands webhooks from the simulator to <see cref="WebhookSender"/>. The body is serialised at publish time so
/// the webhook shows the order as it was at that change, not as it is when the sender gets to it.
/// </summary>
public sealed class WebhookQueue(IOptions<EmulatorOptions> options, EmulatorStats stats)
{
    private readonly Channel<WebhookMessage> _channel = Channel.CreateUnbounded<WebhookMessage>(
        new UnboundedChannelOptions { SingleReader = true });

    public bool Enabled => !string.IsNullOrEmpty(options.Value.WebhookUrl);

    internal ChannelReader<WebhookMessage> Reader => _channel.Reader;

    /// <summary>Queues the bare order (plus event-specific fields) as the body; a no-op when no URL is configured.</summary>
    public void Publish(string eventType, Order order, Action<Utf8JsonWriter>? extraFields = null)
    {
        if (!Enabled)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(4_096);
        using (var writer = new Utf8JsonWriter(buffer, JsonWire.WriterOptions))
        {
            OrderJsonWriter.Write(writer, order, extraFields);
        }

        Interlocked.Increment(ref stats.WebhooksEmitted);
        _channel.Writer.TryWrite(new WebhookMessage(eventType, order.IdValue, buffer.WrittenSpan.ToArray()));
    }
}
