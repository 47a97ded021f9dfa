using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>Each event type's effect on the mirror comes from the full order in its body.</summary>
public class WebhookEventEffectsTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    private const string Created = "2019-07-30T12:50:36+03:00";
    private const string Paid = "2019-07-30T12:50:52+03:00";
    private const string AfterwardsAt = "2019-08-02T19:05:11+03:00";

    [Fact]
    public async Task Created_then_payed_records_the_order_unpaid_then_paid()
    {
        var paid = OrderPayload.New();
        var created = paid.Then(Created, o =>
        {
            o["payed"] = false;
            o["payed_at"] = null;
        });

        await Deliver(created, WebhookEventTypes.Created);
        var afterCreated = await factory.StoredOrderAsync(paid.Id);
        await Deliver(paid, WebhookEventTypes.Payed);
        var afterPayed = await factory.StoredOrderAsync(paid.Id);

        Assert.False(afterCreated!.Payed);
        Assert.Null(afterCreated.PayedAt);
        Assert.True(afterPayed!.Payed);
        Assert.Equal(At(Paid), afterPayed.PayedAt);
    }

    [Fact]
    public async Task Updated_without_a_ticket_marks_that_ticket_vanished()
    {
        var order = OrderPayload.New();
        var withoutLast = order.Then(AfterwardsAt, o => o["baskets"]!.AsArray().RemoveAt(2));

        await Deliver(order, WebhookEventTypes.Payed);
        await Deliver(withoutLast, WebhookEventTypes.Updated);

        var stored = await factory.StoredOrderAsync(order.Id);
        var vanished = stored!.Baskets.Single(b => b.Id == order.BasketIds[2]);
        Assert.NotNull(vanished.VanishedAt);
        Assert.All(stored.Baskets.Where(b => b.Id != vanished.Id), b => Assert.Null(b.VanishedAt));
    }

    [Fact]
    public async Task Deleted_sets_the_order_deleted_at()
    {
        var order = OrderPayload.New();

        await Deliver(order, WebhookEventTypes.Payed);
        await Deliver(order.Then(AfterwardsAt, o => o["deleted_at"] = AfterwardsAt), WebhookEventTypes.Deleted);

        Assert.Equal(At(AfterwardsAt), (await factory.StoredOrderAsync(order.Id))!.DeletedAt);
    }

    [Fact]
    public async Task Refunded_sets_the_refund_fields_of_the_refunded_ticket_only()
    {
        var order = OrderPayload.New();
        var refunded = order.Then(AfterwardsAt, o =>
        {
            var basket = OrderPayload.Basket(o, 1);
            basket["refunded_at"] = AfterwardsAt;
            basket["refunded_amount"] = 135.5;
            basket["refunded_deduction_amount"] = 14.5;
            o["refunded_baskets"] = new JsonArray(basket.DeepClone());
        });

        await Deliver(order, WebhookEventTypes.Payed);
        await Deliver(refunded, WebhookEventTypes.Refunded);

        var stored = await factory.StoredOrderAsync(order.Id);
        var basket = stored!.Baskets.Single(b => b.Id == order.BasketIds[1]);
        Assert.Equal(At(AfterwardsAt), basket.RefundedAt);
        Assert.Equal(135.5m, basket.RefundedAmount);
        Assert.Equal(14.5m, basket.RefundedDeductionAmount);
        Assert.All(stored.Baskets.Where(b => b.Id != basket.Id), b => Assert.Null(b.RefundedAt));
    }

    [Fact]
    public async Task Checked_sets_the_scanned_ticket_checked_at()
    {
        var order = OrderPayload.New();
        var scanned = order.Then(AfterwardsAt, o =>
        {
            var basket = OrderPayload.Basket(o, 0);
            basket["checked_at"] = AfterwardsAt;
            o["checked_basket"] = basket.DeepClone();
        });

        await Deliver(order, WebhookEventTypes.Payed);
        await Deliver(scanned, WebhookEventTypes.Checked);

        var stored = await factory.StoredOrderAsync(order.Id);
        Assert.Equal(
            At(AfterwardsAt),
            stored!.Baskets.Single(b => b.Id == order.BasketIds[0]).CheckedAt);
        Assert.Single(stored.Baskets, b => b.CheckedAt is not null);
    }

    private static DateTimeOffset At(string timestamp) => DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture);

    private async Task Deliver(OrderPayload payload, string eventType)
    {
        using var response = await factory.PostWebhookAsync(payload.ToString(), eventType);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await factory.ApplyAsync());
    }
}
