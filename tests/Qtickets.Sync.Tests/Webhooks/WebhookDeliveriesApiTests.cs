using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Webhooks;

public class WebhookDeliveriesApiTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    [Fact]
    public async Task The_list_filters_by_order_event_type_and_status_newest_first_without_bodies()
    {
        var order = OrderPayload.New();
        var created = await Post(order.Then("2019-07-30T12:50:36+03:00", o => o["payed"] = false), WebhookEventTypes.Created);
        var payed = await Post(order, WebhookEventTypes.Payed);
        await factory.ApplyAsync();
        var rejected = await Post(order, WebhookEventTypes.Payed, secret: "wrong");

        var byOrder = await List($"order_id={order.Id}");
        var byEvent = await List($"order_id={order.Id}&event_type=payed");
        var rejectedOnes = await List("status=rejected");

        Assert.Equal([payed, created], Ids(byOrder));
        Assert.Equal([payed], Ids(byEvent));
        Assert.Contains(rejected, Ids(rejectedOnes));
        Assert.All(rejectedOnes.GetProperty("items").EnumerateArray(), i => Assert.Equal("rejected", i.GetProperty("status").GetString()));
        var item = byOrder.GetProperty("items")[0];
        Assert.Equal("applied", item.GetProperty("status").GetString());
        Assert.Equal("inserted", item.GetProperty("apply_outcome").GetString());
        Assert.Equal("stale", byOrder.GetProperty("items")[1].GetProperty("apply_outcome").GetString());
        Assert.Equal("valid", item.GetProperty("signature_status").GetString());
        Assert.Equal("default", item.GetProperty("account").GetString());
        Assert.Equal(0, item.GetProperty("duplicate_count").GetInt32());
        Assert.Equal(1, item.GetProperty("attempts").GetInt32());
        Assert.False(item.TryGetProperty("body", out _));
    }

    [Fact]
    public async Task The_list_pages_by_before_id_and_includes_bodies_on_request()
    {
        var order = OrderPayload.New();
        var ids = new List<long>();
        foreach (var eventType in new[] { WebhookEventTypes.Created, WebhookEventTypes.Updated, WebhookEventTypes.Payed })
        {
            ids.Add(await Post(order, eventType));
        }

        var first = await List($"order_id={order.Id}&limit=2&include=body");
        var next = await List($"order_id={order.Id}&limit=2&before_id={first.GetProperty("next_before_id").GetInt64()}");

        Assert.Equal([ids[2], ids[1]], Ids(first));
        Assert.Equal([ids[0]], Ids(next));
        Assert.Equal(order.ToString(), first.GetProperty("items")[0].GetProperty("body").GetString());
    }

    [Fact]
    public async Task One_delivery_comes_with_its_headers_and_body()
    {
        var order = OrderPayload.New();
        var id = await Post(order, WebhookEventTypes.Created);
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);

        using var delivery = await client.GetFromJsonAsync<JsonDocument>(new Uri($"/api/v1/webhooks/deliveries/{id}", UriKind.Relative));

        Assert.Equal(order.ToString(), delivery!.RootElement.GetProperty("body").GetString());
        Assert.Equal("created", delivery.RootElement.GetProperty("headers").GetProperty("X-Event-Type").GetString());
        Assert.Equal("Qtickets-Webhooks/2.0", delivery.RootElement.GetProperty("headers").GetProperty("User-Agent").GetString());
    }

    [Fact]
    public async Task The_inbox_is_for_admins_only()
    {
        using var reader = factory.CreateClient(SyncApiFactory.ReadKey);
        using var anonymous = factory.CreateClient();

        using var asReader = await reader.GetAsync(new Uri("/api/v1/webhooks/deliveries", UriKind.Relative));
        using var asAnonymous = await anonymous.GetAsync(new Uri("/api/v1/webhooks/deliveries", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asAnonymous.StatusCode);
    }

    [Fact]
    public async Task Replaying_a_delivery_applies_it_again()
    {
        var order = OrderPayload.New();
        var id = await Post(order, WebhookEventTypes.Payed);
        await factory.ApplyAsync();
        await using (var db = factory.CreateDbContext())
        {
            // The mirror lost the order (restored from an old backup, say); the inbox still has it.
            await db.Baskets.Where(b => b.OrderId == order.Id).ExecuteDeleteAsync();
            await db.Orders.Where(o => o.Id == order.Id).ExecuteDeleteAsync();
        }
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);

        using var replay = await client.PostAsync(new Uri($"/api/v1/webhooks/deliveries/{id}/replay", UriKind.Relative), null);
        var pending = await factory.DeliveryAsync(id);
        var applied = await factory.ApplyAsync();

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(DeliveryStatuses.Pending, pending.Status);
        Assert.Equal(1, applied);
        Assert.Equal(3, (await factory.StoredOrderAsync(order.Id))!.Baskets.Count);
        var delivery = await factory.DeliveryAsync(id);
        Assert.Equal("inserted", delivery.ApplyOutcome);
        Assert.Equal(2, delivery.Attempts);
    }

    [Fact]
    public async Task A_delivery_refused_for_its_signature_cannot_be_replayed()
    {
        var id = await Post(OrderPayload.New(), WebhookEventTypes.Payed, secret: "forged");
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);

        using var replay = await client.PostAsync(new Uri($"/api/v1/webhooks/deliveries/{id}/replay", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal("application/problem+json", replay.Content.Headers.ContentType?.MediaType);
        Assert.Equal(DeliveryStatuses.Rejected, (await factory.DeliveryAsync(id)).Status);
    }

    [Fact]
    public async Task Replaying_a_range_requeues_accepted_deliveries_and_skips_rejected_ones()
    {
        var first = await Post(OrderPayload.New(), WebhookEventTypes.Payed);
        var forged = await Post(OrderPayload.New(), WebhookEventTypes.Payed, secret: "forged");
        var last = await Post(OrderPayload.New(), WebhookEventTypes.Payed);
        await factory.ApplyAsync();
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);

        using var replay = await client.PostAsync(new Uri($"/api/v1/webhooks/deliveries/replay?from_id={first}&to_id={last}", UriKind.Relative), null);
        using var result = await replay.Content.ReadFromJsonAsync<JsonDocument>();
        var applied = await factory.ApplyAsync();

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(2, result!.RootElement.GetProperty("requeued").GetInt32());
        Assert.Equal(1, result.RootElement.GetProperty("skipped_rejected").GetInt32());
        Assert.Equal(2, applied);
        Assert.Equal(DeliveryStatuses.Rejected, (await factory.DeliveryAsync(forged)).Status);
        Assert.Equal("duplicate", (await factory.DeliveryAsync(last)).ApplyOutcome);
    }

    [Fact]
    public async Task A_bad_filter_is_a_validation_problem()
    {
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);

        using var response = await client.GetAsync(new Uri("/api/v1/webhooks/deliveries?status=lost&limit=0", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<long> Post(OrderPayload payload, string eventType, string secret = WebhookApiFactory.Secret)
    {
        using var response = await factory.PostWebhookAsync(payload.ToString(), eventType, secret);
        return await response.DeliveryIdAsync();
    }

    private async Task<JsonElement> List(string query)
    {
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);
        using var page = await client.GetFromJsonAsync<JsonDocument>(new Uri($"/api/v1/webhooks/deliveries?{query}", UriKind.Relative));
        return page!.RootElement.Clone();
    }

    private static long[] Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];
}
