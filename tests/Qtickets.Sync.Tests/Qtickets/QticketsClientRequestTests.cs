using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Tests.Qtickets;

[Collection(FakeClockClientCollection.Name)]
public sealed class QticketsClientRequestTests
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    [Fact]
    public async Task An_order_listing_sends_both_the_query_parameters_and_the_documented_json_body()
    {
        using var harness = new ClientHarness(new Dictionary<string, string?> { ["Qtickets:Organization"] = "irs-prod" });
        harness.Handler.ThenOk(QticketsJson.OrdersPage());
        var query = new OrderListQuery
        {
            PaidOnly = true,
            UpdatedSince = new DateTimeOffset(2025, 11, 1, 0, 0, 0, Moscow),
            OrderBy = OrderListOrder.UpdatedAt,
            StartPage = 2,
        };

        await foreach (var _ in harness.Client.ListOrdersAsync(query, CancellationToken.None))
        {
        }

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/api/rest/v1/orders", request.Uri.AbsolutePath);
        Assert.Equal("Bearer test-token", request.Authorization?.ToString());
        var parameters = QueryHelpers.ParseQuery(request.Uri.Query);
        Assert.Equal("1", parameters["payed"]);
        Assert.Equal("2025-11-01T00:00:00+03:00", parameters["since"]);
        Assert.Equal("2", parameters["page"]);
        Assert.Equal("200", parameters["per_page"]);
        Assert.Equal("updated_at", parameters["order_by"]);
        Assert.Equal("irs-prod", parameters["organization"]);

        Assert.Equal("application/json", request.ContentType);
        using var body = JsonDocument.Parse(request.Body!);
        Assert.True(JsonElement.DeepEquals(
            JsonDocument.Parse("""
                {"where":[{"column":"payed","value":1},{"column":"updated_at","operator":">=","value":"2025-11-01T00:00:00+03:00"}],
                 "orderBy":{"updated_at":"asc"},"page":2,"per_page":200}
                """).RootElement,
            body.RootElement), request.Body);
    }

    [Fact]
    public async Task Rows_that_contradict_the_filter_are_kept_and_the_verdict_says_what_was_ignored()
    {
        using var harness = new ClientHarness();
        harness.Handler.ThenOk(QticketsJson.Page(
        [
            QticketsJson.Order(1),
            QticketsJson.Order(2, payed: false),
            QticketsJson.Order(3, updatedAt: "2025-10-31T23:59:59+03:00"),
            // Same second as the watermark: the wire format has no fractions, so this row is what was asked for.
            QticketsJson.Order(4, updatedAt: "2025-11-01T00:00:00+03:00"),
        ])).ThenOk(QticketsJson.OrdersPage());
        var query = new OrderListQuery
        {
            PaidOnly = true,
            UpdatedSince = new DateTimeOffset(2025, 11, 1, 0, 0, 0, 700, Moscow),
        };

        var pages = new List<OrderPage>();
        await foreach (var page in harness.Client.ListOrdersAsync(query, CancellationToken.None))
        {
            pages.Add(page);
        }

        // Every row is kept (each is a true version of its order); the page says what the server ignored.
        var only = Assert.Single(pages);
        Assert.Equal([1L, 2L, 3L, 4L], only.Orders.Select(o => o.Id));
        Assert.False(only.Orders.Single(o => o.Id == 2).Payed);
        Assert.Equal(2, only.OffFilter);
        Assert.Equal(Compliance.Ignored, only.Verdict.PaidFilter);
        Assert.Equal(Compliance.Ignored, only.Verdict.UpdatedFilter);
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData("POST", "orders")]
    [InlineData("POST", "shows/41/barcode/875196723453")]
    [InlineData("POST", "shows/41/barcodes")]
    [InlineData("DELETE", "orders/4360/baskets")]
    [InlineData("PUT", "baskets/140844")]
    public async Task Writing_requests_are_refused_before_they_leave_the_process(string method, string path)
    {
        using var harness = new ClientHarness();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}") };

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.RawHttpClient.SendAsync(request));

        Assert.Contains("read-only", exception.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Handler.Requests);
    }
}
