using System.Net;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>No secret, with <c>Webhooks:AllowUnsigned=true</c>: the only way such a service starts.</summary>
public sealed class UnsignedWebhookFactory : FetchBackWebhookFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>(base.Settings);
            settings.Remove("Qtickets:WebhookSecrets:0");
            settings.Remove("Qtickets:WebhookSecrets:1");
            settings["Webhooks:AllowUnsigned"] = "true";
            return settings;
        }
    }
}

public class UnsignedWebhookTests(UnsignedWebhookFactory factory) : IClassFixture<UnsignedWebhookFactory>
{
    [Fact]
    public async Task An_unsigned_delivery_is_only_a_notice_the_order_is_fetched_and_the_body_ignored()
    {
        var order = OrderPayload.New();
        var forged = order.Then("2019-07-30T12:50:52+03:00", o => o["client"]!["details"]!["name"] = "Forger");
        factory.Upstream.Serve(order.ToString());

        using var response = await factory.PostWebhookAsync(forged.ToString(), secret: null);
        await factory.ApplyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await factory.StoredOrderAsync(order.Id);
        Assert.Equal(OrderSources.Fetch, stored!.LastSource);
        Assert.NotEqual("Forger", stored.ClientName);
        Assert.Contains(order.Id, factory.Upstream.Fetched);
        Assert.Equal(DeliveryStatuses.Applied, Assert.Single(await factory.DeliveriesOfAsync(order.Id)).Status);
    }
}
