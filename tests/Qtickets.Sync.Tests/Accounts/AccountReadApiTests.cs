using System.Net;
using System.Text.Json;
using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Tests.ReadApi;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.Accounts;

/// <summary>Two QTickets accounts, fed by webhooks only, and keys limited to one of them in both setting forms.</summary>
public class TwoAccountReadFactory : SyncApiFactory
{
    /// <summary>read:pii, limited to north (comma-separated form).</summary>
    public const string NorthKey = "test-north-key-0123456789";

    /// <summary>admin, limited to south (indexed list form).</summary>
    public const string SouthAdminKey = "test-south-admin-key-0123456789";

    /// <summary>The platform of both accounts (<c>Accounts:n:Platform</c>); null leaves the default, QTickets.</summary>
    protected virtual string? Platform => null;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings.Remove("Qtickets:Token");
            settings.Remove("Qtickets:WebhookSecrets:0");
            foreach (var (name, n) in new[] { ("north", 0), ("south", 1) })
            {
                settings[$"Accounts:{n}:Name"] = name;
                settings[$"Accounts:{n}:Token"] = $"{name}-token";
                if (Platform is null)
                {
                    settings[$"Accounts:{n}:WebhookSecrets:0"] = $"{name}-webhook-secret";
                }
                else
                {
                    settings[$"Accounts:{n}:Platform"] = Platform;
                    settings[$"Accounts:{n}:BaseUrl"] = $"https://{name}.invalid/";
                }
            }
            settings["Auth:ApiKeys:3:Key"] = NorthKey;
            settings["Auth:ApiKeys:3:Scopes"] = "read:pii";
            settings["Auth:ApiKeys:3:Accounts"] = "north";
            settings["Auth:ApiKeys:4:Key"] = SouthAdminKey;
            settings["Auth:ApiKeys:4:Scopes"] = "admin";
            settings["Auth:ApiKeys:4:Accounts:0"] = "south";
            return settings;
        }
    }

    private Task<TwoAccountOrders>? arranged;
    private readonly object gate = new();

    /// <summary>The orders every test of the class reads, saved once by whichever test asks first.</summary>
    public Task<TwoAccountOrders> OrdersAsync(Func<Task<TwoAccountOrders>> arrange)
    {
        lock (gate)
        {
            return arranged ??= arrange();
        }
    }
}

public sealed record TwoAccountOrders(Order North, Order South, Order SharedNorth, Order SharedSouth);

public class AccountReadApiTests(TwoAccountReadFactory factory) : IClassFixture<TwoAccountReadFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2024, 9, 1, 9, 0, 0, TimeSpan.Zero);
    private const long NorthEvent = 71, SouthEvent = 72, SharedEvent = 73;

    private Order north = null!, south = null!, sharedNorth = null!, sharedSouth = null!;

    public async Task InitializeAsync() =>
        (north, south, sharedNorth, sharedSouth) = await factory.OrdersAsync(ArrangeAsync);

    private async Task<TwoAccountOrders> ArrangeAsync()
    {
        var accounts = await factory.GetRequiredService<AccountDirectory>().GetAllAsync(CancellationToken.None);
        int Id(string name) => accounts.Single(a => a.Name == name).Id;
        var north = InAccount(Order(NorthEvent, T0, baskets: [Ticket(100)]), Id("north"));
        var south = InAccount(Order(SouthEvent, T0.AddMinutes(1), baskets: [Ticket(250, quantity: 2)]), Id("south"));
        // The same order id (and event id) in both accounts: two different orders.
        var sharedNorth = InAccount(Order(SharedEvent, T0.AddMinutes(2), baskets: [Ticket(10)]), Id("north"));
        var sharedSouth = InAccount(Order(SharedEvent, T0.AddMinutes(3), baskets: [Ticket(20)]), Id("south"));
        sharedSouth.Id = sharedNorth.Id;
        sharedSouth.Baskets[0].OrderId = sharedNorth.Id;
        await SaveAsync(factory, north, south, sharedNorth, sharedSouth);
        await using (var db = factory.CreateDbContext())
        {
            db.Events.Add(new Event { AccountId = Id("north"), Id = NorthEvent, Name = "Север", Raw = "{}" });
            db.Events.Add(new Event { AccountId = Id("south"), Id = SouthEvent, Name = "Юг", Raw = "{}" });
            await db.SaveChangesAsync();
        }
        await SalesTable.FoldAsync(factory);
        return new TwoAccountOrders(north, south, sharedNorth, sharedSouth);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Order InAccount(Order order, int accountId)
    {
        order.AccountId = accountId;
        foreach (var basket in order.Baskets)
        {
            basket.AccountId = accountId;
        }
        return order;
    }

    [Fact]
    public async Task A_key_limited_to_one_account_gets_404_for_the_other_accounts_order()
    {
        using var northKey = factory.CreateClient(TwoAccountReadFactory.NorthKey);
        using var everyAccount = factory.CreateClient(SyncApiFactory.ReadKey);

        await GetProblemAsync(northKey, $"/api/v1/orders/{south.Id}", HttpStatusCode.NotFound);
        await GetProblemAsync(northKey, $"/api/v1/orders/south/{south.Id}", HttpStatusCode.NotFound);
        await GetProblemAsync(northKey, $"/api/v1/tickets/{south.Baskets[0].Barcode}", HttpStatusCode.NotFound);
        await GetProblemAsync(northKey, $"/api/v1/events/south/{SouthEvent}", HttpStatusCode.NotFound);
        // The same answer as for an account that does not exist at all.
        var missingAccount = await GetProblemAsync(northKey, $"/api/v1/orders/nowhere/{south.Id}", HttpStatusCode.NotFound);
        var hiddenAccount = await GetProblemAsync(northKey, $"/api/v1/orders/south/{south.Id}", HttpStatusCode.NotFound);
        Assert.Equal(missingAccount.GetProperty("title").GetString(), hiddenAccount.GetProperty("title").GetString());

        var seen = await GetJsonAsync(everyAccount, $"/api/v1/orders/south/{south.Id}");
        Assert.Equal("south", seen.GetProperty("account").GetString());
        Assert.Equal(500m, seen.GetProperty("total").GetDecimal());
        var own = await GetJsonAsync(northKey, $"/api/v1/orders/{north.Id}");
        Assert.Equal("north", own.GetProperty("account").GetString());
    }

    [Fact]
    public async Task An_id_two_accounts_share_is_ambiguous_without_an_account_and_each_keys_own_order_otherwise()
    {
        using var everyAccount = factory.CreateClient(SyncApiFactory.ReadKey);
        using var northKey = factory.CreateClient(TwoAccountReadFactory.NorthKey);

        var ambiguous = await GetProblemAsync(everyAccount, $"/api/v1/orders/{sharedNorth.Id}", HttpStatusCode.Conflict);
        Assert.Contains("north, south", ambiguous.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var southOne = await GetJsonAsync(everyAccount, $"/api/v1/orders/{sharedNorth.Id}?account=south");
        var northOne = await GetJsonAsync(everyAccount, $"/api/v1/orders/north/{sharedNorth.Id}");
        var northKeys = await GetJsonAsync(northKey, $"/api/v1/orders/{sharedNorth.Id}");
        Assert.Equal(("south", 20m, 1), (southOne.GetProperty("account").GetString(), southOne.GetProperty("total").GetDecimal(), southOne.GetProperty("tickets").GetInt32()));
        Assert.Equal(("north", 10m, 1), (northOne.GetProperty("account").GetString(), northOne.GetProperty("total").GetDecimal(), northOne.GetProperty("tickets").GetInt32()));
        Assert.Equal("north", northKeys.GetProperty("account").GetString());
        // The south order's existence is not revealed to the north key.
        Assert.DoesNotContain("south", northKeys.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_and_csv_of_a_limited_key_hold_only_its_account()
    {
        using var northKey = factory.CreateClient(TwoAccountReadFactory.NorthKey);

        var page = await GetJsonAsync(northKey, "/api/v1/orders?limit=500&include=raw");
        var csv = Csv.Parse(await northKey.GetStringAsync(new Uri("/api/v1/orders?format=csv", UriKind.Relative)));
        var events = await GetJsonAsync(northKey, "/api/v1/events");

        Assert.Equal([sharedNorth.Id, north.Id], Ids(page));
        Assert.All(page.GetProperty("items").EnumerateArray(), o => Assert.Equal("north", o.GetProperty("account").GetString()));
        var account = csv[0].IndexOf("account");
        Assert.Equal(["north", "north"], csv.Skip(1).Select(r => r[account]));
        Assert.Equal([NorthEvent, SharedEvent], events.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.All(events.EnumerateArray(), e => Assert.Equal("north", e.GetProperty("account").GetString()));
    }

    [Fact]
    public async Task Daily_sales_and_their_csv_for_a_limited_key_count_only_its_account()
    {
        using var northKey = factory.CreateClient(TwoAccountReadFactory.NorthKey);
        using var everyAccount = factory.CreateClient(SyncApiFactory.ReadKey);

        var mine = await GetJsonAsync(northKey, "/api/v1/sales/daily?tz=UTC");
        var all = await GetJsonAsync(everyAccount, "/api/v1/sales/daily?tz=UTC");
        var csv = Csv.Parse(await northKey.GetStringAsync(new Uri("/api/v1/sales/daily?format=csv", UriKind.Relative)));

        Assert.Equal(110m, mine.GetProperty("totals").GetProperty("gross").GetDecimal());
        Assert.All(mine.GetProperty("rows").EnumerateArray(), r => Assert.Equal("north", r.GetProperty("account").GetString()));
        Assert.Equal(630m, all.GetProperty("totals").GetProperty("gross").GetDecimal());
        // The shared event id is two events: a row per account.
        Assert.Equal(["north", "south"], all.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("eventId").GetInt64() == SharedEvent).Select(r => r.GetProperty("account").GetString()));
        var account = csv[0].IndexOf("account");
        var gross = csv[0].IndexOf("gross");
        Assert.Equal(["north", "north", ""], csv.Skip(1).Select(r => r[account]));
        Assert.Equal("110", csv[^1][gross]);
    }

    [Theory]
    [InlineData("account=north&account=south")]
    [InlineData("account=north,south")]
    [InlineData("account=south&account=north,south")]
    public async Task Account_takes_several_names_repeated_or_comma_separated(string accounts)
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var both = await GetJsonAsync(client, $"/api/v1/orders?{accounts}");
        var onlySouth = await GetJsonAsync(client, "/api/v1/orders?account=south");
        var sales = await GetJsonAsync(client, $"/api/v1/sales/daily?group_by=day&{accounts}");

        Assert.Equal([sharedSouth.Id, sharedNorth.Id, south.Id, north.Id], Ids(both));
        Assert.Equal([sharedSouth.Id, south.Id], Ids(onlySouth));
        Assert.Equal(630m, sales.GetProperty("totals").GetProperty("gross").GetDecimal());
    }

    [Fact]
    public async Task An_unknown_account_or_one_the_key_may_not_read_is_a_400_naming_the_parameter()
    {
        using var everyAccount = factory.CreateClient(SyncApiFactory.ReadKey);
        using var northKey = factory.CreateClient(TwoAccountReadFactory.NorthKey);

        foreach (var url in new[] { "/api/v1/orders?account=east", "/api/v1/sales/daily?account=north,east", "/api/v1/events?account=east",
                     "/api/v1/sync/status?account=east", $"/api/v1/orders/{north.Id}?account=east" })
        {
            var problem = await GetProblemAsync(everyAccount, url, HttpStatusCode.BadRequest);
            var message = problem.GetProperty("errors").GetProperty("account")[0].GetString();
            Assert.Contains("'east'", message, StringComparison.Ordinal);
            Assert.Contains("north, south", message, StringComparison.Ordinal);
        }
        var refused = await GetProblemAsync(northKey, "/api/v1/orders?account=south&format=csv", HttpStatusCode.BadRequest);
        var refusal = refused.GetProperty("errors").GetProperty("account")[0].GetString()!;
        Assert.Contains("'south'", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("accounts: north, south", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_runs_and_dashboards_show_a_limited_key_only_its_accounts()
    {
        using var northKey = factory.CreateClient(TwoAccountReadFactory.NorthKey);
        using var everyAccount = factory.CreateClient(SyncApiFactory.ReadKey);

        var mine = await GetJsonAsync(northKey, "/api/v1/sync/status");
        var all = await GetJsonAsync(everyAccount, "/api/v1/sync/status");
        var dashboard = await northKey.GetAsync(new Uri("/dashboard", UriKind.Relative));
        var hangfire = await northKey.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(["north"], mine.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("account").GetString()));
        Assert.Equal(["north", "south"], all.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("account").GetString()));
        Assert.DoesNotContain("south", string.Join(" ", mine.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, hangfire.StatusCode);
    }

    [Fact]
    public async Task A_limited_admin_key_cannot_start_or_see_another_accounts_work()
    {
        using var southAdmin = factory.CreateClient(TwoAccountReadFactory.SouthAdminKey);

        var reconcile = await southAdmin.PostAsync(new Uri("/api/v1/sync/reconcile", UriKind.Relative),
            JsonContent(new { kind = "incremental", account = "north" }));
        var drift = await southAdmin.PostAsync(new Uri("/api/v1/sync/sales-drift", UriKind.Relative), null);
        var deliveries = await GetJsonAsync(southAdmin, "/api/v1/webhooks/deliveries");
        var orders = await GetJsonAsync(southAdmin, "/api/v1/orders");

        Assert.Equal(HttpStatusCode.BadRequest, reconcile.StatusCode);
        // Refused like an account that does not exist; the accounts offered are the key's own.
        Assert.Contains("one of south.", await reconcile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, drift.StatusCode);
        Assert.Equal(JsonValueKind.Array, deliveries.GetProperty("items").ValueKind);
        Assert.Equal([sharedSouth.Id, south.Id], Ids(orders));
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
