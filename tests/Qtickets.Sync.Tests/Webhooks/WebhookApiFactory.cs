using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Webhooks;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>
/// The service with two webhook secrets (the current one and the next, as during a rotation) and the applier
/// loop off: tests apply by calling <see cref="WebhookApplier.ApplyPendingAsync"/> themselves.
/// </summary>
public class WebhookApiFactory : SyncApiFactory
{
    public const string Secret = "current-webhook-secret";
    public const string NextSecret = "next-webhook-secret";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Qtickets:WebhookSecrets:0"] = Secret,
        ["Qtickets:WebhookSecrets:1"] = NextSecret,
    };

    /// <summary>Posts <paramref name="body"/> as QTickets would, signed with <paramref name="secret"/> unless it is null.</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(
        string body, string eventType = WebhookEventTypes.Updated, string? secret = Secret, string? signature = null, string modelName = "Order")
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/webhooks/qtickets", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Event-Type", eventType);
        request.Headers.Add("X-Model-Name", modelName);
        request.Headers.UserAgent.ParseAdd("Qtickets-Webhooks/2.0");
        signature ??= secret is null ? null : OrderPayload.Sign(body, secret);
        if (signature is not null)
        {
            request.Headers.Add("X-Signature", signature);
        }
        return await client.SendAsync(request);
    }

    /// <summary>Posts every body, in order; each must be answered 200 (stored in the inbox).</summary>
    public async Task PostAllAsync(IEnumerable<string> bodies)
    {
        foreach (var body in bodies)
        {
            using var response = await PostWebhookAsync(body);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>
    /// What a poison delivery among genuine ones must leave: each genuine order's one delivery applied and the order
    /// stored; each poison's one delivery failed after a single attempt, with its reason.
    /// </summary>
    internal async Task AssertPoisonFailedAloneAsync(IEnumerable<OrderPayload> genuine, IEnumerable<OrderPayload> poisons)
    {
        foreach (var order in genuine)
        {
            Assert.Equal(DeliveryStatuses.Applied, Assert.Single(await DeliveriesOfAsync(order.Id)).Status);
            Assert.NotNull(await StoredOrderAsync(order.Id));
        }
        foreach (var poison in poisons)
        {
            var delivery = Assert.Single(await DeliveriesOfAsync(poison.Id));
            Assert.Equal(DeliveryStatuses.Failed, delivery.Status);
            Assert.Equal(1, delivery.Attempts);
            Assert.False(string.IsNullOrEmpty(delivery.Reason));
        }
    }

    public Task<int> ApplyAsync() => GetRequiredService<WebhookApplier>().ApplyPendingAsync(CancellationToken.None);

    public async Task<Order?> StoredOrderAsync(long id)
    {
        await using var db = CreateDbContext();
        return await db.Orders.AsNoTracking().Include(o => o.Baskets).SingleOrDefaultAsync(o => o.Id == id);
    }

    public async Task<List<WebhookDelivery>> DeliveriesOfAsync(long orderId)
    {
        await using var db = CreateDbContext();
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.OrderId == orderId).OrderBy(d => d.Id).ToListAsync();
    }

    public async Task<WebhookDelivery> DeliveryAsync(long id)
    {
        await using var db = CreateDbContext();
        return await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == id);
    }
}
