using System.Net;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.Accounts;

/// <summary>The two accounts and keys of <see cref="TwoAccountReadFactory"/>, both Ticketscloud accounts.</summary>
public sealed class TwoTicketscloudAccountReadFactory : TwoAccountReadFactory
{
    protected override string? Platform => "ticketscloud";
}

/// <summary>Ticketscloud orders are read under the same account limits as QTickets' (Auth:ApiKeys:n:Accounts).</summary>
public class TicketscloudAccountReadTests(TwoTicketscloudAccountReadFactory factory) : IClassFixture<TwoTicketscloudAccountReadFactory>, IAsyncLifetime
{
    private const string NorthOrder = "5d1a2b3c4d5e6f7a8b9c0d1e", SouthOrder = "6e2b3c4d5e6f7a8b9c0d1e2f";

    public async Task InitializeAsync()
    {
        var accounts = await factory.GetRequiredService<AccountDirectory>().GetAllAsync(CancellationToken.None);
        await using var db = factory.CreateDbContext();
        if (db.Set<TicketscloudOrderRow>().Any())
        {
            return;
        }
        var at = new DateTimeOffset(2024, 9, 1, 9, 0, 0, TimeSpan.Zero);
        foreach (var (account, id, price) in new[] { ("north", NorthOrder, 150m), ("south", SouthOrder, 990m) })
        {
            db.Set<TicketscloudOrderRow>().Add(new TicketscloudOrderRow
            {
                AccountId = accounts.Single(a => a.Name == account).Id, Id = id, EventId = "5c0000000000000000000001",
                Status = "done", StatusRank = 3, CreatedAt = at, Nominal = price, Full = price, Price = price,
                TimeZone = "Europe/Moscow", Raw = "{}", ObservedAt = at, SyncedAt = at,
            });
        }
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_key_limited_to_one_account_lists_and_finds_only_that_accounts_Ticketscloud_orders()
    {
        using var northKey = factory.CreateClient(TwoAccountReadFactory.NorthKey);
        using var everyAccount = factory.CreateClient(SyncApiFactory.ReadKey);

        var all = await GetJsonAsync(everyAccount, "/api/v1/ticketscloud/orders");
        Assert.Equal([NorthOrder, SouthOrder], all.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()).Order());
        var north = await GetJsonAsync(northKey, "/api/v1/ticketscloud/orders");
        var northOnly = Assert.Single(north.GetProperty("items").EnumerateArray());
        Assert.Equal((NorthOrder, "north"), (northOnly.GetProperty("id").GetString(), northOnly.GetProperty("account").GetString()));
        var onlySouth = await GetJsonAsync(everyAccount, "/api/v1/ticketscloud/orders?account=south");
        Assert.Equal(SouthOrder, Assert.Single(onlySouth.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        await GetProblemAsync(northKey, $"/api/v1/ticketscloud/orders/{SouthOrder}", HttpStatusCode.NotFound);
        await GetProblemAsync(northKey, "/api/v1/ticketscloud/orders?account=south", HttpStatusCode.BadRequest);
        var southOne = await GetJsonAsync(everyAccount, $"/api/v1/ticketscloud/orders/{SouthOrder}");
        Assert.Equal((990m, "south"), (southOne.GetProperty("price").GetDecimal(), southOne.GetProperty("account").GetString()));
        Assert.Equal(150m, (await GetJsonAsync(northKey, $"/api/v1/ticketscloud/orders/{NorthOrder}")).GetProperty("price").GetDecimal());
    }
}
