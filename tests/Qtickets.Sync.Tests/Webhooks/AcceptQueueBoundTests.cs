using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>The accept queue, its writer not started, so what is queued stays queued.</summary>
public class AcceptQueueBoundTests
{
    [Fact]
    public async Task The_accept_queue_refuses_past_its_byte_bound_though_its_count_bound_is_far_off()
    {
        var options = Options.Create(new WebhookOptions
        {
            MaxBodyBytes = 64 * 1024,
            AcceptQueueCapacity = 10_000,
            AcceptQueueMaxBytes = 256 * 1024,
        });
        await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none");
        using var inbox = TestInbox.Create(dataSource, options);
        // 64 KiB of text is 128 KiB queued (UTF-16): one fits, two fit, the third passes 256 KiB.
        var body = new string('x', 64 * 1024);

        var first = inbox.AcceptAsync(TestInbox.Pending(body));
        var second = inbox.AcceptAsync(TestInbox.Pending(body[..^100]));

        // Refused at once, synchronously: the request answers 503 without waiting.
        Assert.Throws<WebhookInboxUnavailableException>(() => { _ = inbox.AcceptAsync(TestInbox.Pending(body)); });
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
    }

    [Fact]
    public void A_delivery_alone_in_the_queue_is_taken_whatever_its_size()
    {
        var options = Options.Create(new WebhookOptions { MaxBodyBytes = 1024 * 1024, AcceptQueueMaxBytes = 2 * 1024 * 1024 });
        using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none");
        using var inbox = TestInbox.Create(dataSource, options);

        var alone = inbox.AcceptAsync(TestInbox.Pending(new string('x', 1024 * 1024)));

        Assert.False(alone.IsFaulted);
    }
}
