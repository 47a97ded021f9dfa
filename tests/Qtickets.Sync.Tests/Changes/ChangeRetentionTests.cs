using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Changes;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Changes;

/// <summary>The service with a clock the test moves and history kept 30 days.</summary>
public sealed class ChangeRetentionFactory : SyncApiFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Changes:RetentionDays"] = "30",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.UseClock(Clock));
    }
}

/// <summary><c>Changes:RetentionDays</c>: what is older goes, what is newer stays, a cursor into what went gets 410.</summary>
public class ChangeRetentionTests(ChangeRetentionFactory factory) : IClassFixture<ChangeRetentionFactory>
{
    private async Task<string> WriteAsync()
    {
        var order = ChangeTestOrders.New();
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await factory.GetRequiredService<OrderUpserter>().UpsertAsync(
            connection, null, Account.DefaultId, [order], OrderSources.Webhook, new ChangeOrigin(ChangeSources.Webhook, "1"), CancellationToken.None);
        return order.Id.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<HttpResponseMessage> FeedAsync(string? cursor) =>
        await factory.CreateClient(SyncApiFactory.ReadKey)
            .GetAsync(cursor is null ? "/api/v1/changes?limit=500" : $"/api/v1/changes?limit=500&cursor={Uri.EscapeDataString(cursor)}");

    /// <summary>Reads the feed from <paramref name="cursor"/> to its end: the order ids read and the cursor after them.</summary>
    private async Task<(List<string> Orders, string Cursor)> TailAsync(string? cursor)
    {
        var orders = new List<string>();
        while (true)
        {
            using var response = await FeedAsync(cursor);
            var page = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            orders.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString()!;
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return (orders, cursor);
            }
        }
    }

    [Fact]
    public async Task Changes_older_than_retention_are_deleted_newer_kept_and_a_cursor_into_the_deleted_gets_410_telling_to_relist()
    {
        var (_, start) = await TailAsync(null);
        var first = await WriteAsync();
        var (read, afterFirst) = await TailAsync(start);
        Assert.Equal([first], read);
        var second = await WriteAsync();
        var (_, afterSecond) = await TailAsync(afterFirst);

        factory.Clock.Advance(TimeSpan.FromDays(20));
        var recent = await WriteAsync();
        factory.Clock.Advance(TimeSpan.FromDays(11));
        var newest = await WriteAsync();
        await TailAsync(afterSecond);

        var deleted = await factory.GetRequiredService<ChangeRetention>().RunAsync(CancellationToken.None);

        Assert.Equal(2, deleted);
        var history = factory.CreateClient(SyncApiFactory.ReadKey);
        foreach (var (order, kept) in new[] { (first, false), (second, false), (recent, true), (newest, true) })
        {
            using var response = await history.GetAsync($"/api/v1/orders/default/{order}/history");
            Assert.Equal(kept ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
        }

        // A consumer that had read only the first change lost the second: it must re-list.
        using (var gone = await FeedAsync(afterFirst))
        {
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            var problem = await gone.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("/api/v1/orders", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("Changes:RetentionDays", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        // One that had read both lost nothing: it goes on with what was kept.
        Assert.Equal([recent, newest], (await TailAsync(afterSecond)).Orders);
    }
}
