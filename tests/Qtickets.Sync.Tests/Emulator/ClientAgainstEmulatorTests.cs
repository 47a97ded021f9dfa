using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qtickets.Emulator.Faults;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Emulator;

/// <summary>The real client, resilience pipeline included, against the emulator's documented API.</summary>
public sealed class ClientAgainstEmulatorTests : IClassFixture<EmulatorHost>, IDisposable
{
    private readonly EmulatorHost emulator;
    private readonly ServiceProvider services;

    public ClientAgainstEmulatorTests(EmulatorHost emulator)
    {
        this.emulator = emulator;
        emulator.Faults.Settings = new FaultSettings();
        services = ClientFor(emulator, EmulatorHost.Token);
    }

    private static ServiceProvider ClientFor(EmulatorHost emulator, string token)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Qtickets:BaseUrl"] = EmulatorHost.BaseUrl.ToString(),
            ["Qtickets:Token"] = token,
            ["Qtickets:RequestsPerSecond"] = "0",
            ["Qtickets:RetryBaseDelay"] = "00:00:00.010",
            ["Qtickets:MaxRetries"] = "8",
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddQticketsClient(configuration);
        collection.AddHttpClient(QticketsClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        return collection.BuildServiceProvider();
    }

    private IQticketsClient Client => services.GetRequiredService<IQticketsClient>();

    private int PaidInEmulator() => emulator.Store.EnumerateOrders().Count(o => o.Payed);

    private async Task<List<long>> ListAllPaidIds()
    {
        var ids = new List<long>();
        await foreach (var page in Client.ListOrdersAsync(new OrderListQuery { PaidOnly = true, PageSize = 200 }, CancellationToken.None))
        {
            Assert.All(page.Orders, o => Assert.True(o.Payed));
            ids.AddRange(page.Orders.Select(o => o.Id));
        }
        return ids;
    }

    [Fact]
    public async Task Listing_paid_orders_pages_to_the_end_and_returns_each_paid_order_once()
    {
        var ids = await ListAllPaidIds();

        Assert.Equal(PaidInEmulator(), ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(0, emulator.Stats.WriteEndpointCalls);
    }

    [Fact]
    public async Task Generated_orders_carry_the_fields_and_quirks_of_real_answers()
    {
        var orders = new List<Sync.Domain.Orders.Order>();
        await foreach (var page in Client.ListOrdersAsync(new OrderListQuery { PageSize = 200 }, CancellationToken.None))
        {
            orders.AddRange(page.Orders);
        }

        var baskets = orders.SelectMany(o => o.Baskets).ToList();
        Assert.All(baskets, b => Assert.Equal(b.Price, b.TicketAmount + b.ServiceFeeAmount));
        Assert.All(baskets, b => Assert.True(b.Series is { Length: > 0 } s && s.All(char.IsAsciiDigit)));
        Assert.All(baskets, b => Assert.NotNull(b.TicketOriginalPrice));
        Assert.Contains(baskets, b => b.ServiceFeeAmount > 0);
        Assert.Contains(baskets, b => b.MultipriceCode is not null);
        Assert.Contains(orders, o => o.PaymentTypeId is { } type && type.All(char.IsAsciiDigit));
        Assert.Contains(orders, o => o.SiteHost is { } host && host.EndsWith(".рф", StringComparison.Ordinal));
        Assert.Contains(orders, o => o.Raw.Contains(@":\/\/", StringComparison.Ordinal));
        Assert.Contains(baskets, b => b.RefundedAt is not null && b.Refunds is not null);
        Assert.Contains(baskets, b => b.RefundedAmount == 0m && b.RefundedAt is null);
    }

    [Fact]
    public async Task Too_many_requests_and_unavailable_answers_are_retried_until_the_listing_completes()
    {
        emulator.Faults.Settings = new FaultSettings { Api429Percent = 15, Api503Percent = 15, RetryAfterSeconds = 0 };
        var before = emulator.Stats;

        var ids = await ListAllPaidIds();

        var after = emulator.Stats;
        Assert.Equal(PaidInEmulator(), ids.Distinct().Count());
        Assert.True(after.Api429 > before.Api429, "the emulator answered no 429 during the listing");
        Assert.True(after.Api503 > before.Api503, "the emulator answered no 503 during the listing");
    }

    [Fact]
    public async Task A_rejected_token_fails_at_once_with_a_clear_message()
    {
        using var wrongToken = ClientFor(emulator, "not-the-token");
        var before = emulator.Stats.ApiUnauthorized;

        var error = await Assert.ThrowsAsync<QticketsAuthException>(
            () => wrongToken.GetRequiredService<IQticketsClient>().GetOrderAsync(4360, CancellationToken.None));

        Assert.StartsWith("QTickets rejected the token", error.Message, StringComparison.Ordinal);
        Assert.Equal(before + 1, emulator.Stats.ApiUnauthorized);
    }

    [Fact]
    public async Task The_seed_order_4360_comes_back_with_its_documented_values()
    {
        var order = await Client.GetOrderAsync(4360, CancellationToken.None);

        Assert.NotNull(order);
        Assert.Equal(800m, order.Price);
        Assert.Equal([150m, 150m, 500m], order.Baskets.Select(b => b.Price));
        Assert.Equal(TimeSpan.FromHours(3), order.PayedAt!.Value.Offset);
        Assert.Contains("roistat_visit", order.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incremental_listing_returns_only_orders_changed_since_the_watermark()
    {
        var since = emulator.Store.EnumerateOrders().Where(o => o.Payed).Select(o => o.UpdatedAt).Order().ElementAt(PaidInEmulator() / 2);

        var orders = new List<global::Qtickets.Sync.Domain.Orders.Order>();
        await foreach (var page in Client.ListOrdersAsync(new OrderListQuery { PaidOnly = true, UpdatedSince = since, OrderBy = OrderListOrder.UpdatedAt }, CancellationToken.None))
        {
            orders.AddRange(page.Orders);
        }

        Assert.NotEmpty(orders);
        Assert.All(orders, o => Assert.True(o.UpdatedAt >= since));
        Assert.Equal(emulator.Store.EnumerateOrders().Count(o => o.Payed && o.UpdatedAt >= since), orders.Count);
    }

    public void Dispose() => services.Dispose();
}
