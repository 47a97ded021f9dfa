using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Tests.Commands;

/// <summary>QTickets order actions through the endpoint, against the emulator's write endpoints.</summary>
public sealed class QticketsActionTests(CommandApiFactory factory) : IClassFixture<CommandApiFactory>
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    private int CallsTo(int orderId) =>
        factory.Emulator.Ledger.Calls.Count(c => c.Path.Contains($"/orders/{orderId}/", StringComparison.Ordinal));

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    private async Task<Basket> MirroredBasketAsync(long id)
    {
        await using var db = factory.CreateDbContext();
        return await db.Baskets.AsNoTracking().SingleAsync(b => b.Id == id);
    }

    private async Task<Order> MirroredOrderAsync(long id)
    {
        await using var db = factory.CreateDbContext();
        return await db.Orders.AsNoTracking().SingleAsync(o => o.Id == id);
    }

    [Fact]
    public async Task A_refund_is_applied_upstream_recorded_and_mirrored_at_once()
    {
        var order = factory.TakePaidOrder();
        var basket = order.Baskets[0];
        var amount = decimal.Round(basket.Price / 2, 2);

        using var response = await factory.ActAsync(order.Id,
            $$$"""{"action":"refund_baskets","amount":{{{amount}}},"baskets":{"{{{basket.Id}}}":[]}}""", NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var command = await BodyAsync(response);
        Assert.Equal("succeeded", command.GetProperty("state").GetString());
        Assert.Equal("answer", command.GetProperty("resolution").GetString());
        Assert.Equal(1, command.GetProperty("attempts").GetInt32());
        Assert.Equal("support-desk", command.GetProperty("requestedBy").GetString());
        Assert.Equal(1, CallsTo(order.Id));
        var truth = factory.Emulator.Store.FindOrder(order.Id)!.Baskets.Single(b => b.Id == basket.Id);
        Assert.Equal(amount, truth.RefundedAmount);

        var mirrored = await MirroredBasketAsync(basket.Id);
        Assert.NotNull(mirrored.RefundedAt);
        Assert.Equal(amount, mirrored.RefundedAmount);
        Assert.Equal(basket.Price - amount, mirrored.RefundedDeductionAmount);
        Assert.Equal(OrderSources.Command, (await MirroredOrderAsync(order.Id)).LastSource);
        Assert.Equal(truth.UpdatedAt, command.GetProperty("orderVersionAfter").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_refunds_once_and_returns_the_same_command()
    {
        var order = factory.TakePaidOrder();
        var body = $$$"""{"action":"refund_baskets","deduction_amount":0,"baskets":{"{{{order.Baskets[0].Id}}}":[]}}""";
        var key = NewKey();

        using var first = await factory.ActAsync(order.Id, body, key);
        using var second = await factory.ActAsync(order.Id, body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await BodyAsync(first)).GetProperty("id").GetInt64(), (await BodyAsync(second)).GetProperty("id").GetInt64());
        Assert.Equal(1, CallsTo(order.Id));
    }

    [Fact]
    public async Task The_same_key_sent_concurrently_still_refunds_once()
    {
        var order = factory.TakePaidOrder();
        var body = $$$"""{"action":"refund_baskets","deduction_amount":0,"baskets":{"{{{order.Baskets[0].Id}}}":[]}}""";
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => factory.ActAsync(order.Id, body, key)));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async r => (await BodyAsync(r)).GetProperty("id").GetInt64()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, CallsTo(order.Id));
    }

    [Fact]
    public async Task A_key_reused_with_a_different_request_is_refused_and_nothing_is_sent()
    {
        var order = factory.TakePaidOrder();
        var key = NewKey();
        using var first = await factory.ActAsync(order.Id, $$$"""{"action":"refund_baskets","deduction_amount":0,"baskets":{"{{{order.Baskets[0].Id}}}":[]}}""", key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var reused = await factory.ActAsync(order.Id, $$$"""{"action":"refund_baskets","deduction_amount":0,"baskets":{"{{{order.Baskets[1].Id}}}":[]}}""", key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("different request", (await BodyAsync(reused)).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, CallsTo(order.Id));
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_is_resolved_by_reading_the_order_not_by_sending_it_again()
    {
        var order = factory.TakePaidOrder();
        var basket = order.Baskets[0];
        factory.Emulator.Ledger.DropConnectionAfterRefunds = 1;

        using var response = await factory.ActAsync(order.Id,
            $$$"""{"action":"refund_baskets","amount":{{{basket.Price}}},"baskets":{"{{{basket.Id}}}":[]}}""", NewKey());

        Assert.Equal(0, factory.Emulator.Ledger.DropConnectionAfterRefunds);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var command = await BodyAsync(response);
        Assert.Equal("succeeded", command.GetProperty("state").GetString());
        Assert.Equal("fetch", command.GetProperty("resolution").GetString());
        Assert.Equal(1, command.GetProperty("attempts").GetInt32());
        Assert.Equal(1, CallsTo(order.Id));
        Assert.Equal(basket.Price, (await MirroredBasketAsync(basket.Id)).RefundedAmount);
    }

    [Fact]
    public async Task Deleting_every_basket_then_restoring_brings_the_order_back_in_the_mirror()
    {
        var order = factory.TakeOrder(o => !o.Payed && o.DeletedAt is null && o.Baskets.All(b => b.IsActive));
        var baskets = string.Join(",", order.Baskets.Select(b => $"\"{b.Id}\":[]"));

        using var deleted = await factory.ActAsync(order.Id, $$$"""{"action":"delete_baskets","baskets":{{{{baskets}}}}}""", NewKey());
        Assert.True(deleted.StatusCode == HttpStatusCode.Created, await deleted.Content.ReadAsStringAsync());
        Assert.NotNull((await MirroredOrderAsync(order.Id)).DeletedAt);

        using var restored = await factory.ActAsync(order.Id, """{"action":"restore_order"}""", NewKey());
        Assert.Equal(HttpStatusCode.Created, restored.StatusCode);
        var command = await BodyAsync(restored);
        Assert.Equal("succeeded", command.GetProperty("state").GetString());
        Assert.Equal("Updated", command.GetProperty("mirrorOutcome").GetString());
        Assert.Null((await MirroredOrderAsync(order.Id)).DeletedAt);
        Assert.Null(factory.Emulator.Store.FindOrder(order.Id)!.DeletedAt);
    }

    [Fact]
    public async Task A_basket_edit_on_an_unpaid_order_changes_its_price_and_buyer_in_the_mirror()
    {
        var order = factory.TakeOrder(o => !o.Payed && o.DeletedAt is null && o.Baskets.Count > 0 && o.Baskets.All(b => b.IsActive));
        var basket = order.Baskets[0];

        using var response = await factory.ActAsync(order.Id,
            $$$"""{"action":"edit_basket","basket_id":{{{basket.Id}}},"edit":{"client_name":"Пётр","ticket_original_price":300,"discount_value":30}}""", NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mirrored = await MirroredBasketAsync(basket.Id);
        Assert.Equal("Пётр", mirrored.ClientName);
        Assert.Equal(270m, mirrored.Price);
        Assert.Equal(30m, mirrored.DiscountValue);
    }

    [Fact]
    public async Task An_actions_key_acts_without_reading_the_buyer_and_each_command_names_its_key()
    {
        var order = factory.TakePaidOrder();
        var basket = order.Baskets[0];
        const string email = "new.holder@example.org";

        using var byActionsKey = await factory.ActAsync(order.Id,
            $$$"""{"action":"edit_basket","basket_id":{{{basket.Id}}},"edit":{"client_email":"{{{email}}}"}}""", NewKey());
        using var byAdmin = await factory.ActAsync(order.Id,
            $$$"""{"action":"edit_basket","basket_id":{{{basket.Id}}},"edit":{"client_name":"Пётр"}}""", NewKey(), Support.SyncApiFactory.AdminKey);

        Assert.Equal(HttpStatusCode.Created, byActionsKey.StatusCode);
        var seen = await byActionsKey.Content.ReadAsStringAsync();
        var command = JsonDocument.Parse(seen).RootElement;
        Assert.DoesNotContain(email, seen, StringComparison.Ordinal);
        Assert.Equal("n***@example.org", command.GetProperty("request").GetProperty("edit").GetProperty("client_email").GetString());
        // The platform's answer is the whole order: its buyer is masked too.
        Assert.Equal(JsonValueKind.Object, command.GetProperty("response").GetProperty("body").ValueKind);
        Assert.DoesNotContain(order.Client.Email, seen, StringComparison.Ordinal);
        Assert.DoesNotContain(order.Client.Phone!, seen, StringComparison.Ordinal);
        Assert.Equal("support-desk", command.GetProperty("requestedBy").GetString());
        // A key without Auth:ApiKeys:n:Name is named after its place.
        Assert.Equal("key-0", (await BodyAsync(byAdmin)).GetProperty("requestedBy").GetString());

        using var actions = factory.CreateClient(CommandApiFactory.ActionsKey);
        using var admin = factory.CreateClient(Support.SyncApiFactory.AdminKey);
        var url = new Uri($"/api/v1/orders/default/{order.Id}/actions", UriKind.Relative);
        Assert.DoesNotContain(email, await actions.GetStringAsync(url), StringComparison.Ordinal);
        Assert.Contains(email, await admin.GetStringAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_actions_of_an_order_are_listed_newest_first()
    {
        var order = factory.TakePaidOrder();
        using var first = await factory.ActAsync(order.Id, $$$"""{"action":"refund_baskets","deduction_amount":0,"baskets":{"{{{order.Baskets[0].Id}}}":[]}}""", NewKey());
        using var second = await factory.ActAsync(order.Id, $$$"""{"action":"refund_baskets","deduction_amount":0,"baskets":{"{{{order.Baskets[1].Id}}}":[]}}""", NewKey());

        using var client = factory.CreateClient(CommandApiFactory.ActionsKey);
        var listed = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/orders/default/{order.Id}/actions", UriKind.Relative));

        Assert.Equal(
            [(await BodyAsync(second)).GetProperty("id").GetInt64(), (await BodyAsync(first)).GetProperty("id").GetInt64()],
            listed.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToArray());

        using var reader = factory.CreateClient(Support.SyncApiFactory.ReadKey);
        var dashboard = await reader.GetStringAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Contains($"refund_baskets default #{order.Id}", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_keys_with_the_actions_or_admin_scope_may_act()
    {
        var order = factory.TakePaidOrder();
        var body = $$$"""{"action":"refund_baskets","deduction_amount":0,"baskets":{"{{{order.Baskets[0].Id}}}":[]}}""";

        using var read = await factory.ActAsync(order.Id, body, NewKey(), Support.SyncApiFactory.PiiKey);
        using var admin = await factory.ActAsync(order.Id, body, NewKey(), Support.SyncApiFactory.AdminKey);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Created, admin.StatusCode);
    }

    [Fact]
    public async Task Commands_of_one_order_never_overlap_at_the_platform()
    {
        var order = factory.TakeOrder(o => !o.Payed && o.DeletedAt is null && o.Baskets.Count > 0 && o.Baskets.All(b => b.IsActive));
        var basket = order.Baskets[0];
        factory.Emulator.Ledger.ProcessingDelay = TimeSpan.FromMilliseconds(30);
        try
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => factory.ActAsync(order.Id,
                $$$"""{"action":"edit_basket","basket_id":{{{basket.Id}}},"edit":{"client_surname":"Surname{{{i}}}"}}""", NewKey())));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        }
        finally
        {
            factory.Emulator.Ledger.ProcessingDelay = TimeSpan.Zero;
        }
        Assert.Equal(8, factory.Emulator.Ledger.Calls.Count(c => c.Path.EndsWith($"/baskets/{basket.Id}", StringComparison.Ordinal)));
        Assert.Equal(1, factory.Emulator.Ledger.MaxInFlightPerOrder);
    }

    [Theory]
    [InlineData("""{"action":"refund_baskets","amount":10,"deduction_amount":1,"baskets":{"1":[]}}""", "amount", "exclusive")]
    [InlineData("""{"action":"set_vendor_data","vendor_data":{"order_id":"12345678901234567890123456789012345678901234567890123456789012345"}}""", "vendor_data.order_id", "at most 64")]
    [InlineData("""{"action":"refund_baskets","deductionAmount":1,"baskets":{"1":[]}}""", "deductionAmount", "unknown property")]
    [InlineData("""{"action":"cancel_everything"}""", "action", "one of refund_baskets")]
    public async Task A_request_that_breaks_a_rule_is_a_400_naming_the_field_and_nothing_is_sent(string body, string field, string words)
    {
        var calls = factory.Emulator.Ledger.Calls.Count;

        using var response = await factory.ActAsync(4360, body, NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await BodyAsync(response);
        var messages = problem.GetProperty("errors").EnumerateObject().Where(e => e.Name.StartsWith(field, StringComparison.Ordinal))
            .SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains(words, StringComparison.Ordinal));
        Assert.Equal(calls, factory.Emulator.Ledger.Calls.Count);
    }

    [Fact]
    public async Task A_refund_above_what_was_paid_is_refused_against_the_mirrored_order()
    {
        var order = factory.TakePaidOrder();
        var basket = order.Baskets[0];

        using var response = await factory.ActAsync(order.Id,
            $$$"""{"action":"refund_baskets","amount":{{{basket.Price + 1}}},"baskets":{"{{{basket.Id}}}":[]}}""", NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exceeds what was paid", (await BodyAsync(response)).GetProperty("errors").GetProperty("amount")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, CallsTo(order.Id));
    }

    [Fact]
    public async Task An_action_without_an_idempotency_key_is_refused()
    {
        using var response = await factory.ActAsync(4360, """{"action":"restore_order"}""", key: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", (await BodyAsync(response)).GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString(), StringComparison.Ordinal);
    }
}
