using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>The webhook host with a refusal limit no test here reaches: refusals are judged on their own merits.</summary>
public sealed class HardenedWebhookFactory : WebhookApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Webhooks:RefusalsPerWindow"] = "100000",
    };
}

/// <summary>No single request, however malformed or hostile, may stop, fail or delay another.</summary>
public class WebhookHardeningTests(HardenedWebhookFactory factory) : IClassFixture<HardenedWebhookFactory>
{
    [Fact]
    public async Task A_poison_delivery_among_200_genuine_ones_fails_alone_and_the_200_are_applied()
    {
        var genuine = Enumerable.Range(0, 200).Select(_ => OrderPayload.New()).ToList();
        // A lone surrogate no UTF-16 string can hold, and a NUL PostgreSQL text cannot store.
        var surrogate = OrderPayload.New();
        var surrogateBody = surrogate.Then("2019-07-30T12:50:52+03:00", o => o["uniqid"] = "POISON").ToString()
            .Replace("\"POISON\"", "\"\\ud800\"", StringComparison.Ordinal);
        var nul = OrderPayload.New();
        var nulBody = nul.Then("2019-07-30T12:50:52+03:00", o => o["client"]!["details"]!["name"] = "Ivan\u0000").ToString();

        var bodies = genuine.Take(100).Select(o => o.ToString())
            .Append(surrogateBody).Append(nulBody)
            .Concat(genuine.Skip(100).Select(o => o.ToString()));
        await factory.PostAllAsync(bodies);
        await factory.ApplyAsync();

        await factory.AssertPoisonFailedAloneAsync(genuine, [surrogate, nul]);
    }

    [Fact]
    public async Task A_failed_delivery_can_be_discarded_and_counts_as_dead_in_the_status()
    {
        var order = OrderPayload.New();
        var body = order.Then("2019-07-30T12:50:52+03:00", o => o["client_name"] = "\u0000").ToString();
        (await factory.PostWebhookAsync(body)).Dispose();
        await factory.ApplyAsync();
        var failed = Assert.Single(await factory.DeliveriesOfAsync(order.Id));
        Assert.Equal(DeliveryStatuses.Failed, failed.Status);

        using var admin = factory.CreateClient(WebhookApiFactory.AdminKey);
        using (var ready = await admin.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            using var health = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            Assert.Equal("Degraded", health.RootElement.GetProperty("checks").GetProperty("webhook_failures").GetProperty("status").GetString());
        }
        using (var status = await admin.GetAsync(new Uri("/api/v1/sync/status", UriKind.Relative)))
        {
            using var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
            var webhooks = json.RootElement.GetProperty("webhooks");
            Assert.True(webhooks.GetProperty("failed").GetInt64() >= 1);
            Assert.NotEqual(JsonValueKind.Null, webhooks.GetProperty("oldestFailedReceivedAt").ValueKind);
        }

        using var discard = await admin.PostAsync(new Uri($"/api/v1/webhooks/deliveries/{failed.Id}/discard", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, discard.StatusCode);
        Assert.Equal(DeliveryStatuses.Dead, (await factory.DeliveryAsync(failed.Id)).Status);
        await factory.ApplyAsync();
        Assert.Equal(DeliveryStatuses.Dead, (await factory.DeliveryAsync(failed.Id)).Status);

        using var again = await admin.PostAsync(new Uri($"/api/v1/webhooks/deliveries/{failed.Id}/discard", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var after = await admin.GetAsync(new Uri("/api/v1/sync/status", UriKind.Relative));
        using var afterJson = JsonDocument.Parse(await after.Content.ReadAsStringAsync());
        Assert.True(afterJson.RootElement.GetProperty("webhooks").GetProperty("dead").GetInt64() >= 1);
    }

    [Fact]
    public async Task A_flood_of_65_character_headers_leaves_every_genuine_delivery_answered_200()
    {
        var junkType = new string('x', 65);
        var genuine = Enumerable.Range(0, 40).Select(_ => OrderPayload.New()).ToList();
        var junk = Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await PostRawAsync(OrderPayload.New().ToString(), junkType, i % 2 == 0 ? "Order" : junkType);
            return response.StatusCode;
        });
        var real = genuine.Select(async o =>
        {
            using var response = await factory.PostWebhookAsync(o.ToString());
            return response.StatusCode;
        });

        var junkStatuses = await Task.WhenAll(junk);
        var realStatuses = await Task.WhenAll(real);

        Assert.All(realStatuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(junkStatuses, s => Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, s));
        await using var db = factory.CreateDbContext();
        var stored = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Reason == "X-Event-Type is longer than 64 characters").ToListAsync();
        Assert.NotEmpty(stored);
        Assert.All(stored, d => Assert.Equal(64, d.EventType!.Length));
    }

    [Fact]
    public async Task A_refused_1_MB_body_keeps_at_most_4_KiB()
    {
        var body = new byte[1_000_000];
        Random.Shared.NextBytes(body);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/webhooks/qtickets", UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Event-Type", "updated");
        request.Headers.Add("X-Signature", new string('0', 40));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivery_id").GetInt64();
        Assert.True(await StoredBodyBytesAsync(id) <= 4096);
    }

    [Fact]
    public async Task Identical_refusals_from_one_address_are_one_row_with_a_count()
    {
        var body = OrderPayload.New().ToString();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await factory.PostWebhookAsync(body, signature: new string('a', 40));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivery_id").GetInt64());
        }

        var id = Assert.Single(ids.Distinct());
        var row = await factory.DeliveryAsync(id);
        Assert.Equal(DeliveryStatuses.Rejected, row.Status);
        Assert.Equal(4, row.DuplicateCount);
    }

    [Fact]
    public async Task A_payload_dated_2999_is_quarantined_and_the_next_genuine_update_applies()
    {
        var order = OrderPayload.New();
        (await factory.PostWebhookAsync(order.ToString())).Dispose();
        var future = order.Then("2999-01-01T00:00:00+03:00", o => o["client"]!["details"]!["name"] = "Forger");
        (await factory.PostWebhookAsync(future.ToString())).Dispose();
        await factory.ApplyAsync();

        var quarantined = (await factory.DeliveriesOfAsync(order.Id))[1];
        Assert.Equal(DeliveryStatuses.Quarantined, quarantined.Status);
        Assert.NotEqual("Forger", (await factory.StoredOrderAsync(order.Id))!.ClientName);

        var next = order.Then("2019-07-31T10:00:00+03:00", o => o["client"]!["details"]!["name"] = "Genuine");
        (await factory.PostWebhookAsync(next.ToString())).Dispose();
        await factory.ApplyAsync();
        Assert.Equal("Genuine", (await factory.StoredOrderAsync(order.Id))!.ClientName);

        // An operator who knows better can still let it through.
        using var admin = factory.CreateClient(WebhookApiFactory.AdminKey);
        using var release = await admin.PostAsync(new Uri($"/api/v1/webhooks/deliveries/{quarantined.Id}/release", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        await factory.ApplyAsync();
        Assert.Equal(DeliveryStatuses.Applied, (await factory.DeliveryAsync(quarantined.Id)).Status);
        Assert.Equal("Forger", (await factory.StoredOrderAsync(order.Id))!.ClientName);
    }

    [Fact]
    public async Task A_lone_surrogate_in_updated_at_is_a_422_not_a_500()
    {
        var body = OrderPayload.New().Then("MARK").ToString().Replace("\"MARK\"", "\"\\ud800\"", StringComparison.Ordinal);

        using var response = await factory.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostRawAsync(string body, string eventType, string modelName)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/webhooks/qtickets", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.TryAddWithoutValidation("X-Event-Type", eventType);
        request.Headers.TryAddWithoutValidation("X-Model-Name", modelName);
        return await client.SendAsync(request);
    }

    private async Task<int> StoredBodyBytesAsync(long id)
    {
        await using var db = factory.CreateDbContext();
        return await db.Database.SqlQuery<int>($"SELECT octet_length(body) AS \"Value\" FROM webhook_deliveries WHERE id = {id}").SingleAsync();
    }
}
