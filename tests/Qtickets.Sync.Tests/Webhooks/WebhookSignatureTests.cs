using System.Net;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

public class WebhookSignatureTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    [Fact]
    public async Task A_correctly_signed_delivery_is_stored_then_applied_to_the_mirror()
    {
        var order = OrderPayload.New();

        using var response = await factory.PostWebhookAsync(order.ToString(), WebhookEventTypes.Created);
        var stored = await factory.DeliveryAsync(await response.DeliveryIdAsync());
        var applied = await factory.ApplyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DeliveryStatuses.Pending, stored.Status);
        Assert.Equal(SignatureStatuses.Valid, stored.SignatureStatus);
        Assert.Equal(order.Id, stored.OrderId);
        Assert.Equal(new DateTimeOffset(2019, 7, 30, 12, 50, 52, TimeSpan.FromHours(3)), stored.OrderUpdatedAt);
        Assert.Equal(1, applied);
        var mirrored = await factory.StoredOrderAsync(order.Id);
        Assert.NotNull(mirrored);
        Assert.Equal(OrderSources.Webhook, mirrored.LastSource);
        Assert.Equal(3, mirrored.Baskets.Count);
        var delivery = Assert.Single(await factory.DeliveriesOfAsync(order.Id));
        Assert.Equal(DeliveryStatuses.Applied, delivery.Status);
        Assert.Equal("inserted", delivery.ApplyOutcome);
        Assert.Equal(1, delivery.Attempts);
        Assert.NotNull(delivery.ProcessedAt);
    }

    [Fact]
    public async Task A_signature_made_with_the_second_secret_is_accepted_during_rotation()
    {
        var order = OrderPayload.New();

        using var response = await factory.PostWebhookAsync(order.ToString(), secret: WebhookApiFactory.NextSecret);
        await factory.ApplyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await factory.StoredOrderAsync(order.Id));
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_kept_as_rejected_and_never_applied()
    {
        var order = OrderPayload.New();

        using var response = await factory.PostWebhookAsync(order.ToString(), secret: "not-the-secret");
        await factory.ApplyAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(await factory.StoredOrderAsync(order.Id));
        var delivery = await factory.DeliveryAsync(await response.DeliveryIdAsync());
        Assert.Equal(order.ToString(), delivery.Body);
        Assert.Equal(DeliveryStatuses.Rejected, delivery.Status);
        Assert.Equal(SignatureStatuses.Invalid, delivery.SignatureStatus);
        Assert.Equal("X-Signature does not match the body", delivery.Reason);
        Assert.Equal(401, delivery.ResponseStatus);
    }

    [Fact]
    public async Task A_signature_over_other_bytes_is_refused()
    {
        var order = OrderPayload.New();
        var signedElsewhere = OrderPayload.Sign(order + " ", WebhookApiFactory.Secret);

        using var response = await factory.PostWebhookAsync(order.ToString(), signature: signedElsewhere);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_missing_signature_is_refused_kept_as_rejected_and_never_applied()
    {
        var order = OrderPayload.New();

        using var response = await factory.PostWebhookAsync(order.ToString(), secret: null);
        await factory.ApplyAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await factory.StoredOrderAsync(order.Id));
        var delivery = await factory.DeliveryAsync(await response.DeliveryIdAsync());
        Assert.Equal(DeliveryStatuses.Rejected, delivery.Status);
        Assert.Equal(SignatureStatuses.Missing, delivery.SignatureStatus);
        Assert.Equal("X-Signature header is missing", delivery.Reason);
    }

    [Fact]
    public async Task A_forged_copy_does_not_hide_the_genuine_delivery_that_follows()
    {
        var order = OrderPayload.New();

        using var forged = await factory.PostWebhookAsync(order.ToString(), secret: "forger");
        using var genuine = await factory.PostWebhookAsync(order.ToString());
        await factory.ApplyAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.NotNull(await factory.StoredOrderAsync(order.Id));
    }
}
