using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>
/// Older never overwrites newer. Within one second (QTickets' resolution) the payload with more progress wins
/// (see OrderVersion), so a refund stamped in the same second as the update before it is never lost.
/// </summary>
public class WebhookOrderingTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    private const string Later = "2019-07-30T13:10:00+03:00";
    private const string SameSecondAsLater = "2019-07-30T13:10:00+03:00";

    [Fact]
    public async Task An_older_delivery_arriving_after_a_newer_one_is_left_stale()
    {
        var created = OrderPayload.New();
        var cancelled = created.Then(Later, o => o["deleted_at"] = Later);

        await factory.PostWebhookAsync(cancelled.ToString(), WebhookEventTypes.Deleted);
        await factory.ApplyAsync();
        await factory.PostWebhookAsync(created.ToString(), WebhookEventTypes.Created);
        await factory.ApplyAsync();

        var stored = await factory.StoredOrderAsync(created.Id);
        Assert.NotNull(stored!.DeletedAt);
        Assert.Equal(["applied:inserted", "applied:stale"], await Outcomes(created.Id));
    }

    [Fact]
    public async Task An_older_delivery_in_the_same_batch_as_a_newer_one_is_left_stale()
    {
        var created = OrderPayload.New();
        var cancelled = created.Then(Later, o => o["deleted_at"] = Later);

        await factory.PostWebhookAsync(cancelled.ToString(), WebhookEventTypes.Deleted);
        await factory.PostWebhookAsync(created.ToString(), WebhookEventTypes.Created);
        await factory.ApplyAsync();

        Assert.NotNull((await factory.StoredOrderAsync(created.Id))!.DeletedAt);
        Assert.Equal(["applied:inserted", "applied:stale"], await Outcomes(created.Id));
    }

    [Fact]
    public async Task An_older_webhook_does_not_overwrite_what_reconciliation_stored()
    {
        var created = OrderPayload.New();
        var cancelled = created.Then(Later, o => o["deleted_at"] = Later);
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await factory.GetRequiredService<OrderUpserter>().UpsertAsync(
                connection, null, Account.DefaultId, [OrderPayloadParser.Parse(System.Text.Encoding.UTF8.GetBytes(cancelled.ToString()))],
                OrderSources.Reconcile, new ChangeOrigin(ChangeSources.Incremental, null), CancellationToken.None);
        }

        await factory.PostWebhookAsync(created.ToString(), WebhookEventTypes.Payed);
        await factory.ApplyAsync();

        var stored = await factory.StoredOrderAsync(created.Id);
        Assert.NotNull(stored!.DeletedAt);
        Assert.Equal(OrderSources.Reconcile, stored.LastSource);
        Assert.Equal(["applied:stale"], await Outcomes(created.Id));
    }

    /// <summary>Applied one by one (two apply passes) or together (one batch holding both versions).</summary>
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task A_refund_in_the_same_second_as_the_previous_update_wins_in_either_arrival_order(bool refundArrivesLast, bool appliedTogether)
    {
        var (update, refund) = UpdateThenRefundInOneSecond();

        foreach (var (body, eventType) in refundArrivesLast
                     ? new[] { (update, WebhookEventTypes.Updated), (refund, WebhookEventTypes.Refunded) }
                     : [(refund, WebhookEventTypes.Refunded), (update, WebhookEventTypes.Updated)])
        {
            await factory.PostWebhookAsync(body.ToString(), eventType);
            if (!appliedTogether)
            {
                await factory.ApplyAsync();
            }
        }
        await factory.ApplyAsync();

        AssertRefunded(await factory.StoredOrderAsync(update.Id), refund.BasketIds[0]);
    }

    /// <summary>An update (a ticket's comment changed) and, in the same second, a refund of that ticket.</summary>
    private static (OrderPayload Update, OrderPayload Refund) UpdateThenRefundInOneSecond()
    {
        var update = OrderPayload.New().Then(SameSecondAsLater, o => OrderPayload.Basket(o, 0)["comment"] = "moved to row 5");
        var refund = update.Then(SameSecondAsLater, o =>
        {
            var basket = OrderPayload.Basket(o, 0);
            basket["refunded_at"] = SameSecondAsLater;
            basket["refunded_amount"] = 150;
            basket["refunded_deduction_amount"] = 0;
            o["refunded_baskets"] = new System.Text.Json.Nodes.JsonArray(basket.DeepClone());
        });
        return (update, refund);
    }

    private static void AssertRefunded(Order? stored, long basketId)
    {
        Assert.NotNull(stored);
        var basket = stored.Baskets.Single(b => b.Id == basketId);
        Assert.NotNull(basket.RefundedAt);
        Assert.Equal(150m, basket.RefundedAmount);
        Assert.Equal("moved to row 5", basket.Comment);
    }

    private async Task<string[]> Outcomes(long orderId) =>
        [.. (await factory.DeliveriesOfAsync(orderId)).Select(d => $"{d.Status}:{d.ApplyOutcome}")];
}
