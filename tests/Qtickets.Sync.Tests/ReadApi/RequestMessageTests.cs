using System.Net;
using System.Text;
using System.Text.Json;
using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.ReadApi;

/// <summary>
/// Bad bodies and values sent to the JSON endpoints get a 400 problem a person can act on: the field, the type
/// expected and the value given, where malformed JSON broke, the allowed values, and never a .NET type name.
/// </summary>
public class RequestMessageTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private const string Reconcile = "/api/v1/sync/reconcile";
    private const string Backfill = "/api/v1/sync/backfill";
    private const string Actions = "/api/v1/orders/default/4360/actions";

    [Fact]
    public async Task Text_that_is_not_json_says_where_it_broke()
    {
        var (field, message) = await RefusedAsync(Reconcile, "not json");

        Assert.Equal("body", field);
        Assert.Contains("not valid JSON", message, StringComparison.Ordinal);
        Assert.Contains("line 1, position", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_located_by_line_and_position_counted_from_one()
    {
        var (field, message) = await RefusedAsync(Backfill, "{\n  \"from\": 2024-01-01\n}");

        Assert.Equal("body", field);
        Assert.Contains("at line 2, position 15", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_body_is_refused_as_malformed()
    {
        var (field, message) = await RefusedAsync(Reconcile, """{"kind":""");

        Assert.Equal("body", field);
        Assert.Contains("not valid JSON", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_says_what_to_send()
    {
        var (field, message) = await RefusedAsync(Reconcile, "");

        Assert.Equal("body", field);
        Assert.Equal("body is required: a JSON object with kind, account.", message);
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_says_what_it_got()
    {
        var (field, message) = await RefusedAsync(Reconcile, """["incremental"]""");

        Assert.Equal("body", field);
        Assert.Equal("""body: expected a JSON object with kind, account, got ["incremental"].""", message);
    }

    [Fact]
    public async Task A_word_for_an_amount_names_the_field_the_type_and_the_value()
    {
        var (field, message) = await RefusedAsync(Actions, """{"action":"refund_baskets","amount":"ten","baskets":{"1":[]}}""");

        Assert.Equal("amount", field);
        Assert.Equal("""amount: expected a decimal number, got "ten".""", message);
    }

    [Fact]
    public async Task A_wrong_type_inside_a_nested_object_is_named_by_its_path()
    {
        var (field, message) = await RefusedAsync(Actions, """{"action":"edit_basket","basket_id":1,"edit":{"discount_value":true}}""");

        Assert.Equal("edit.discount_value", field);
        Assert.Equal("edit.discount_value: expected a decimal number, got true.", message);
    }

    [Fact]
    public async Task A_wrong_item_in_an_array_is_named_by_its_index()
    {
        var (field, message) = await RefusedAsync(Actions, """{"action":"apply_promocodes","promocodes":["SPRING",7]}""");

        Assert.Equal("promocodes[1]", field);
        Assert.Equal("promocodes[1]: expected a string, got 7.", message);
    }

    [Theory]
    [InlineData("""{"action":"refund_baskets","baskets":{"7":["x"]}}""", "baskets.7[0]", "baskets.7[0]: expected an integer, got \"x\".")]
    [InlineData("""{"action":"refund_baskets","baskets":[7]}""", "baskets", "baskets: expected an object, each value an array, each item an integer, got [7].")]
    [InlineData("""{"action":"edit_basket","basket_id":1.5}""", "basket_id", "basket_id: expected an integer, got 1.5.")]
    [InlineData("""{"action":"send_tickets","send_tickets":"yes"}""", "send_tickets", "send_tickets: expected true or false, got \"yes\".")]
    public async Task Values_of_the_wrong_type_in_maps_and_numbers_are_named_with_the_type_expected(string body, string expectedField, string expectedMessage)
    {
        var (field, message) = await RefusedAsync(Actions, body);

        Assert.Equal((expectedField, expectedMessage), (field, message));
    }

    [Fact]
    public async Task An_unknown_action_lists_the_allowed_ones()
    {
        var (field, message) = await RefusedAsync(Actions, """{"action":"refund"}""");

        Assert.Equal("action", field);
        Assert.Contains("\"refund\"", message, StringComparison.Ordinal);
        Assert.All(OrderActionKinds.All, kind => Assert.Contains(kind, message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_misspelt_action_field_is_named_with_the_fields_there_are()
    {
        var (field, message) = await RefusedAsync(Actions, """{"action":"refund_baskets","ammount":10,"baskets":{"1":[]}}""");

        Assert.Equal("ammount", field);
        Assert.StartsWith("ammount: unknown property; body has only action, baskets, amount, deduction_amount,", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_field_inside_a_nested_object_is_named_by_its_path()
    {
        var (field, message) = await RefusedAsync(Actions, """{"action":"set_customer","customer":{"mail":"a@b.c"}}""");

        Assert.Equal("customer.mail", field);
        Assert.Equal("customer.mail: unknown property; customer has only name, email, phone, lang.", message);
    }

    [Fact]
    public async Task An_extra_property_to_reconcile_is_refused_rather_than_ignored()
    {
        var (field, message) = await RefusedAsync(Reconcile, """{"kind":"incremental","force":true}""");

        Assert.Equal("force", field);
        Assert.Equal("force: unknown property; body has only kind, account.", message);
    }

    [Fact]
    public async Task An_unknown_reconcile_kind_lists_the_allowed_ones()
    {
        var (field, message) = await RefusedAsync(Reconcile, """{"kind":"everything"}""");

        Assert.Equal("kind", field);
        Assert.Equal("""kind: "everything" is not a reconcile kind; one of audit, catalog, full_sweep, incremental.""", message);
    }

    [Fact]
    public async Task A_reconcile_kind_of_the_wrong_type_names_it()
    {
        var (field, message) = await RefusedAsync(Reconcile, """{"kind":3}""");

        Assert.Equal("kind", field);
        Assert.Equal("kind: expected a string, got 3.", message);
    }

    [Fact]
    public async Task A_backfill_from_a_word_says_what_instant_it_takes()
    {
        var (field, message) = await RefusedAsync(Backfill, """{"from":"yesterday"}""");

        Assert.Equal("from", field);
        Assert.Equal("""from: expected an ISO 8601 date-time with offset, e.g. "2024-01-01T00:00:00+03:00", got "yesterday".""", message);
    }

    [Fact]
    public async Task A_backfill_from_the_future_says_so()
    {
        var (field, message) = await RefusedAsync(Backfill, """{"from":"2999-01-01T00:00:00+00:00"}""");

        Assert.Equal("from", field);
        Assert.StartsWith("from: 2999-01-01T00:00:00.0000000+00:00 is in the future;", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/orders?cursor=not-a-cursor")]
    [InlineData("/api/v1/ticketscloud/orders?cursor=not-a-cursor")]
    public async Task A_cursor_error_names_cursor_and_nextCursor_as_the_api_spells_them(string url)
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        var (field, message) = await ProblemAsync(response);

        Assert.Equal("cursor", field);
        Assert.Contains("nextCursor", message, StringComparison.Ordinal);
        Assert.DoesNotContain("next_cursor", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from_id=abc&to_id=5", "from_id")]
    [InlineData("from_id=1&to_id=five", "to_id")]
    public async Task A_replay_range_id_that_is_not_a_number_is_named(string query, string expectedField)
    {
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);
        using var response = await client.PostAsync(new Uri($"/api/v1/webhooks/deliveries/replay?{query}", UriKind.Relative), null);

        var (field, message) = await ProblemAsync(response);

        Assert.Equal(expectedField, field);
        Assert.Contains("not a whole number", message, StringComparison.Ordinal);
    }

    /// <summary>Posts <paramref name="body"/> with an admin key and returns the one error of the 400 problem.</summary>
    private async Task<(string Field, string Message)> RefusedAsync(string url, string body)
    {
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        return await ProblemAsync(response);
    }

    private static async Task<(string Field, string Message)> ProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // No .NET type or namespace leaks into what a caller reads.
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Qtickets.Sync.", text, StringComparison.Ordinal);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        return (error.Name, Assert.Single(error.Value.EnumerateArray()).GetString()!);
    }
}
