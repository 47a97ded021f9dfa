using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

public class WebhookIdempotencyTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    [Fact]
    public async Task The_same_delivery_twice_is_stored_once_counted_as_a_duplicate_and_applied_once()
    {
        var order = OrderPayload.New();

        using var first = await factory.PostWebhookAsync(order.ToString(), WebhookEventTypes.Payed);
        using var second = await factory.PostWebhookAsync(order.ToString(), WebhookEventTypes.Payed);
        var applied = await factory.ApplyAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("duplicate", await StatusOf(second));
        Assert.Equal(1, applied);
        var delivery = Assert.Single(await factory.DeliveriesOfAsync(order.Id));
        Assert.Equal(1, delivery.DuplicateCount);
        Assert.NotNull(delivery.LastDuplicateAt);
        Assert.Equal(DeliveryStatuses.Applied, delivery.Status);
        Assert.Equal(1, delivery.Attempts);
    }

    [Fact]
    public async Task A_repeat_after_the_delivery_was_applied_changes_nothing_but_the_count()
    {
        var order = OrderPayload.New();
        using var first = await factory.PostWebhookAsync(order.ToString());
        await factory.ApplyAsync();
        var before = await factory.StoredOrderAsync(order.Id);

        using var again = await factory.PostWebhookAsync(order.ToString());
        var applied = await factory.ApplyAsync();

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, applied);
        var delivery = Assert.Single(await factory.DeliveriesOfAsync(order.Id));
        Assert.Equal(1, delivery.DuplicateCount);
        Assert.Equal(DeliveryStatuses.Applied, delivery.Status);
        Assert.Equal(before!.SyncedAt, (await factory.StoredOrderAsync(order.Id))!.SyncedAt);
    }

    [Fact]
    public async Task Repeats_arriving_together_are_folded_into_one_row()
    {
        var order = OrderPayload.New();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => factory.PostWebhookAsync(order.ToString())));
        await factory.ApplyAsync();

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(r => r.DeliveryIdAsync()));
        Assert.Single(ids.Distinct());
        var delivery = Assert.Single(await factory.DeliveriesOfAsync(order.Id));
        Assert.Equal(19, delivery.DuplicateCount);
        Assert.Equal("inserted", delivery.ApplyOutcome);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_same_body_under_another_event_type_is_another_delivery()
    {
        var order = OrderPayload.New();

        using var updated = await factory.PostWebhookAsync(order.ToString(), WebhookEventTypes.Updated);
        using var payed = await factory.PostWebhookAsync(order.ToString(), WebhookEventTypes.Payed);
        await factory.ApplyAsync();

        var deliveries = await factory.DeliveriesOfAsync(order.Id);
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(0, d.DuplicateCount));
        Assert.Equal(["inserted", "duplicate"], deliveries.Select(d => d.ApplyOutcome));
    }

    private static async Task<string?> StatusOf(HttpResponseMessage response)
    {
        using var body = await response.Content.ReadFromJsonAsync<JsonDocument>();
        return body!.RootElement.GetProperty("status").GetString();
    }
}
