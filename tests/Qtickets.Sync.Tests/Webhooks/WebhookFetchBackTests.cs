using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

public class WebhookFetchBackTests(FetchBackWebhookFactory factory) : IClassFixture<FetchBackWebhookFactory>
{
    [Fact]
    public async Task A_body_without_baskets_is_taken_as_a_notice_and_the_order_is_fetched()
    {
        var order = OrderPayload.New();
        factory.Upstream.Serve(order.ToString());
        var partial = order.Then("2019-07-30T12:50:52+03:00", o => o.Remove("baskets"));

        await factory.PostWebhookAsync(partial.ToString(), WebhookEventTypes.Payed);
        await factory.ApplyAsync();

        var stored = await factory.StoredOrderAsync(order.Id);
        Assert.Equal(OrderSources.Fetch, stored!.LastSource);
        Assert.Equal(3, stored.Baskets.Count);
        Assert.All(stored.Baskets, b => Assert.Null(b.VanishedAt));
    }

    [Fact]
    public async Task A_full_body_is_applied_as_sent_without_asking_qtickets()
    {
        var order = OrderPayload.New();

        await factory.PostWebhookAsync(order.ToString(), WebhookEventTypes.Payed);
        await factory.ApplyAsync();

        Assert.Equal(OrderSources.Webhook, (await factory.StoredOrderAsync(order.Id))!.LastSource);
        Assert.DoesNotContain(order.Id, factory.Upstream.Fetched);
    }

    [Fact]
    public async Task An_order_qtickets_does_not_know_fails_with_the_reason_and_waits_for_its_retry()
    {
        var partial = OrderPayload.New().Then("2019-07-30T12:50:52+03:00", o => o.Remove("baskets"));

        await factory.PostWebhookAsync(partial.ToString(), WebhookEventTypes.Payed);
        await factory.ApplyAsync();
        await factory.ApplyAsync();

        var delivery = Assert.Single(await factory.DeliveriesOfAsync(partial.Id));
        Assert.Equal(DeliveryStatuses.Failed, delivery.Status);
        Assert.Equal($"order {partial.Id} was not found upstream", delivery.Reason);
        Assert.Equal(1, delivery.Attempts);
        Assert.Null(await factory.StoredOrderAsync(partial.Id));
    }

    [Fact]
    public async Task A_body_the_parser_refuses_fails_with_the_parser_reason()
    {
        var broken = OrderPayload.New().Then("2019-07-30T12:50:52+03:00", o => o.Remove("created_at"));

        await factory.PostWebhookAsync(broken.ToString(), WebhookEventTypes.Updated);
        await factory.ApplyAsync();

        var delivery = Assert.Single(await factory.DeliveriesOfAsync(broken.Id));
        Assert.Equal(DeliveryStatuses.Failed, delivery.Status);
        Assert.Equal("created_at is missing or not a date", delivery.Reason);
    }
}

public class WebhookVerifyByFetchTests(VerifyByFetchWebhookFactory factory) : IClassFixture<VerifyByFetchWebhookFactory>
{
    [Fact]
    public async Task With_verify_by_fetch_the_order_as_qtickets_has_it_is_stored_not_the_body()
    {
        var order = OrderPayload.New();
        var current = order.Then("2019-07-30T13:00:00+03:00", o => o["deleted_at"] = "2019-07-30T13:00:00+03:00");
        factory.Upstream.Serve(current.ToString());

        await factory.PostWebhookAsync(order.ToString(), WebhookEventTypes.Payed);
        await factory.PostWebhookAsync(order.ToString(), WebhookEventTypes.Updated);
        await factory.ApplyAsync();

        var stored = await factory.StoredOrderAsync(order.Id);
        Assert.Equal(OrderSources.Fetch, stored!.LastSource);
        Assert.NotNull(stored.DeletedAt);
        Assert.Single(factory.Upstream.Fetched, id => id == order.Id);
        Assert.All(await factory.DeliveriesOfAsync(order.Id), d => Assert.Equal(DeliveryStatuses.Applied, d.Status));
    }
}
