using System.Net;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

public sealed class RefusalLimitFactory : WebhookApiFactory
{
    public const int Limit = 5;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Webhooks:RefusalsPerWindow"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Webhooks:RefusalWindow"] = "01:00:00",
    };
}

public class WebhookRefusalLimitTests(RefusalLimitFactory factory) : IClassFixture<RefusalLimitFactory>
{
    [Fact]
    public async Task Past_the_refusal_limit_an_address_gets_429_and_nothing_stored_while_signed_deliveries_still_get_200()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RefusalLimitFactory.Limit + 10; i++)
        {
            using var refused = await factory.PostWebhookAsync(OrderPayload.New().ToString(), secret: "forged");
            statuses.Add(refused.StatusCode);
        }
        var genuine = Enumerable.Range(0, 20).Select(_ => OrderPayload.New()).ToList();
        var genuineStatuses = new List<HttpStatusCode>();
        foreach (var order in genuine)
        {
            using var response = await factory.PostWebhookAsync(order.ToString());
            genuineStatuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, RefusalLimitFactory.Limit), statuses.Take(RefusalLimitFactory.Limit));
        Assert.All(statuses.Skip(RefusalLimitFactory.Limit), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.All(genuineStatuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await using var db = factory.CreateDbContext();
        Assert.Equal(RefusalLimitFactory.Limit, await db.WebhookDeliveries.CountAsync(d => d.Status == DeliveryStatuses.Rejected));
    }
}
