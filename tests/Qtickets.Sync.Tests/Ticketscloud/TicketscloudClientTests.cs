using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Ticketscloud;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Ticketscloud;

/// <summary>The Ticketscloud client on its own against the emulator: parsing, zones, paging, the read-only guard.</summary>
public sealed class TicketscloudClientTests : IAsyncLifetime
{
    private readonly TicketscloudEmulatorHost emulator = new();
    private ServiceProvider? services;

    private ITicketscloudClient Client => services!.GetRequiredService<ITicketscloudClient>();

    private static TicketscloudAccount Account(string token = TicketscloudEmulatorHost.Token, string zone = "Europe/Moscow") =>
        new(TicketscloudEmulatorHost.BaseUrl, token, zone);

    public Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ticketscloud:RequestsPerSecond"] = "0",
            ["Ticketscloud:RetryBaseDelay"] = "00:00:00.010",
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddTicketscloudClient(configuration);
        collection.AddHttpClient(TicketscloudClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => emulator.CreateHandler());
        services = collection.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await services!.DisposeAsync();
        await emulator.DisposeAsync();
    }

    [Fact]
    public async Task Reads_every_order_of_the_window_exactly_with_times_in_the_events_zone()
    {
        var now = DateTimeOffset.UtcNow;
        var orders = new List<TicketscloudOrder>();
        var unreadable = new List<TicketscloudUnreadable>();
        await foreach (var page in Client.ListOrdersAsync(Account(), new TicketscloudListQuery(now.AddDays(-40), now) { PageSize = 200 }, default))
        {
            orders.AddRange(page.Items);
            unreadable.AddRange(page.Unreadable);
        }

        Assert.Empty(unreadable);
        var organizer = emulator.Organizer;
        emulator.Store.Read(() =>
        {
            Assert.Equal(organizer.Orders.Select(o => o.Id).Order(), orders.Select(o => o.Id).Order());
            foreach (var order in orders)
            {
                var truth = organizer.OrdersById[order.Id];
                var ev = organizer.EventOf(truth);
                Assert.Equal(truth.CreatedAt, order.CreatedAt);
                Assert.Equal(truth.DoneAt, order.DoneAt);
                // Offset-less times are read in the event's zone, Moscow for the event refs give none.
                Assert.Equal(ev.TimeZone ?? "Europe/Moscow", order.TimeZone);
                Assert.Equal(truth.Sum(t => t.Full), order.Values.Full);
                Assert.Equal(truth.Tickets.Select(t => (t.Id, t.Full, t.Extra)), order.Tickets.Select(t => (t.Id, t.Values.Full, t.Values.Extra)));
            }
            Assert.Contains(orders, o => o.TimeZone == "Asia/Krasnoyarsk");
            return 0;
        });
    }

    [Fact]
    public async Task Sends_the_accounts_key_and_refuses_anything_but_get()
    {
        var now = DateTimeOffset.UtcNow;
        var rejected = await Assert.ThrowsAsync<TicketscloudAuthException>(async () =>
        {
            await foreach (var _ in Client.ListOrdersAsync(Account("wrong-key"), new TicketscloudListQuery(now.AddDays(-1), now), default))
            {
            }
        });
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, rejected.StatusCode);

        var http = services!.GetRequiredService<IHttpClientFactory>().CreateClient(TicketscloudClient.HttpClientName);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, new Uri(TicketscloudEmulatorHost.BaseUrl, "v2/resources/orders/5bacf64ea0eb2f000c45160a"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => http.SendAsync(patch));
        Assert.DoesNotContain(emulator.Calls.Calls, c => c.Method != "GET");
    }
}
