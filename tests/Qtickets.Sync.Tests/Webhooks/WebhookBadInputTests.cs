using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>Every refusal is a problem document naming the reason, and every refused delivery is kept.</summary>
public class WebhookBadInputTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    [Fact]
    public async Task A_body_that_is_not_json_is_a_400()
    {
        using var response = await factory.PostWebhookAsync("<html>oops</html>");

        await AssertRejected(response, HttpStatusCode.BadRequest, "body is not valid JSON");
    }

    [Fact]
    public async Task An_order_without_an_id_is_a_422()
    {
        var body = OrderPayload.New().Then("2019-07-30T12:50:52+03:00", o => o.Remove("id")).ToString();

        using var response = await factory.PostWebhookAsync(body);

        await AssertRejected(response, HttpStatusCode.UnprocessableEntity, "order id is missing");
    }

    [Fact]
    public async Task A_model_other_than_order_is_a_422()
    {
        using var response = await factory.PostWebhookAsync(OrderPayload.New().ToString(), modelName: "Client");

        await AssertRejected(response, HttpStatusCode.UnprocessableEntity, "X-Model-Name 'Client' is not Order");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_and_only_its_beginning_is_kept()
    {
        var order = OrderPayload.New();
        var body = order.Then("2019-07-30T12:50:52+03:00", o => o["comment"] = new string('x', 1024 * 1024)).ToString();

        using var response = await factory.PostWebhookAsync(body);

        var delivery = await AssertRejected(response, HttpStatusCode.RequestEntityTooLarge,
            "body exceeds Webhooks:MaxBodyBytes (1048576 bytes); only its first 4096 bytes are kept");
        Assert.Equal(body[..100], delivery.Body[..100]);
        Assert.True(delivery.Body.Length <= 4096);
        Assert.Equal(SignatureStatuses.Unverified, delivery.SignatureStatus);
    }

    [Fact]
    public async Task An_unknown_event_type_is_answered_200_and_flagged_but_not_applied()
    {
        var order = OrderPayload.New();

        using var response = await factory.PostWebhookAsync(order.ToString(), eventType: "merged");
        var applied = await factory.ApplyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, applied);
        Assert.Null(await factory.StoredOrderAsync(order.Id));
        var delivery = Assert.Single(await factory.DeliveriesOfAsync(order.Id));
        Assert.Equal(DeliveryStatuses.Flagged, delivery.Status);
        Assert.Equal("unknown event type 'merged'", delivery.Reason);
    }

    [Fact]
    public async Task Bad_input_is_refused_before_anything_reaches_the_mirror()
    {
        using var response = await factory.PostWebhookAsync("""{"id": 987654321, "updated_at": 5""");
        var applied = await factory.ApplyAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, applied);
        Assert.Null(await factory.StoredOrderAsync(987654321));
    }

    private async Task<WebhookDelivery> AssertRejected(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = await response.Content.ReadFromJsonAsync<JsonDocument>();
        Assert.Equal((int)status, problem!.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(reason, problem.RootElement.GetProperty("detail").GetString());
        var delivery = await factory.DeliveryAsync(problem.RootElement.GetProperty("delivery_id").GetInt64());
        Assert.Equal(DeliveryStatuses.Rejected, delivery.Status);
        Assert.Equal(reason, delivery.Reason);
        Assert.Equal((int)status, delivery.ResponseStatus);
        return delivery;
    }
}
