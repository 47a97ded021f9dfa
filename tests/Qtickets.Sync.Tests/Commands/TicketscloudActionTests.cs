using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Tests.Support;
using Ticketscloud.Emulator;
using Ticketscloud.Emulator.Data;

namespace Qtickets.Sync.Tests.Commands;

/// <summary>Ticketscloud order actions through the endpoint, against the emulator's PATCH.</summary>
public sealed class TicketscloudActionTests(CommandApiFactory factory) : IClassFixture<CommandApiFactory>
{
    private static readonly HashSet<string> HandedOut = [];

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private TcOrderActions Emulated => TcOrderActions.For(factory.TcEmulator.Store);

    private TcOrder TakeOrder(Func<TcOrder, bool> fits)
    {
        lock (HandedOut)
        {
            var order = factory.TcEmulator.Store.Read(() => factory.TcEmulator.Organizer.Orders.First(o => !HandedOut.Contains(o.Id) && fits(o)));
            HandedOut.Add(order.Id);
            return order;
        }
    }

    /// <summary>A new order, waiting for payment (<c>executed</c>), made for the test.</summary>
    private TcOrder TakeOpenOrder() => factory.TcEmulator.Store.CreateOrder(factory.TcEmulator.Organizer);

    private int PatchesOf(string orderId) => factory.TcEmulator.Calls.Count("PATCH", $"/v2/resources/orders/{orderId}");

    private async Task<TicketscloudOrderRow> MirroredAsync(string id)
    {
        var accountId = await factory.TicketscloudAccountIdAsync();
        await using var db = factory.CreateDbContext();
        return await db.Set<TicketscloudOrderRow>().AsNoTracking().SingleAsync(o => o.AccountId == accountId && o.Id == id);
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    [Fact]
    public async Task Twenty_concurrent_actions_on_one_order_never_overlap_at_the_platform_and_all_apply()
    {
        var order = TakeOpenOrder();
        Emulated.ProcessingDelay = TimeSpan.FromMilliseconds(20);
        HttpResponseMessage[] responses;
        try
        {
            responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => factory.ActOnAsync(CommandApiFactory.TicketscloudAccount, order.Id,
                "{\"action\":\"set_vendor_data\",\"vendor_data\":{\"raw\":{\"k" + i + "\":\"v" + i + "\"}}}", NewKey())));
        }
        finally
        {
            Emulated.ProcessingDelay = TimeSpan.Zero;
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var commands = await Task.WhenAll(responses.Select(BodyAsync));
        Assert.All(commands, c => Assert.Equal("succeeded", c.GetProperty("state").GetString()));
        Assert.All(commands, c => Assert.Equal(1, c.GetProperty("attempts").GetInt32()));
        Assert.Equal(1, Emulated.MaxOverlapOf(order.Id));
        Assert.Equal(20, PatchesOf(order.Id));
        // Each PATCH replaces vendor_data; each answer shows its own key applied.
        Assert.Equal(
            Enumerable.Range(0, 20).Select(i => $"k{i}").Order(),
            commands.Select(c => c.GetProperty("response").GetProperty("body").GetProperty("data").GetProperty("vendor_data")
                .GetProperty("raw").EnumerateObject().Single().Name).Order());
        var last = factory.TcEmulator.Store.Read(() => factory.TcEmulator.Organizer.OrdersById[order.Id].VendorData.ToJsonString());
        using var truth = JsonDocument.Parse(last);
        using var mirrored = JsonDocument.Parse((await MirroredAsync(order.Id)).VendorData!);
        Assert.True(JsonElement.DeepEquals(truth.RootElement, mirrored.RootElement), $"{last} vs {mirrored.RootElement}");
    }

    [Fact]
    public async Task A_409_from_a_change_still_in_progress_is_waited_out_and_never_reaches_the_caller()
    {
        var order = TakeOpenOrder();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Emulated.Rearm();
        Emulated.Hold = release.Task;
        Task<HttpResponseMessage> outside;
        Task<HttpResponseMessage> ours;
        using var other = factory.TcEmulator.CreateClient();
        other.DefaultRequestHeaders.Add("Authorization", $"key {TicketscloudEmulatorHost.Token}");
        try
        {
            // Someone else's PATCH (the organizer's own tool) is being processed when ours arrives.
            outside = other.PatchAsync(new Uri($"/v2/resources/orders/{order.Id}", UriKind.Relative), JsonContent.Create(new { settings = new { send_tickets = false } }));
            await Emulated.Started.WaitAsync(TimeSpan.FromMinutes(1));
            ours = factory.ActOnAsync(CommandApiFactory.TicketscloudAccount, order.Id, """{"action":"send_tickets","send_tickets":true}""", NewKey());
            await Emulated.Conflicted.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            Emulated.Hold = null;
            release.SetResult();
        }

        Assert.True((await outside).IsSuccessStatusCode);
        using var response = await ours;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var command = await BodyAsync(response);
        Assert.Equal("succeeded", command.GetProperty("state").GetString());
        Assert.True(command.GetProperty("attempts").GetInt32() >= 2);
        Assert.True(Emulated.Conflicts >= 1);
        Assert.True((await MirroredAsync(order.Id)).SendTickets);
    }

    [Fact]
    public async Task Customer_settings_reach_the_platform_and_the_mirror()
    {
        var order = TakeOpenOrder();

        using var response = await factory.ActOnAsync(CommandApiFactory.TicketscloudAccount, order.Id,
            """{"action":"set_customer","customer":{"name":"Ivan Ivanov","email":"hello@world.ru","lang":"ru"}}""", NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mirrored = await MirroredAsync(order.Id);
        Assert.Equal("hello@world.ru", mirrored.CustomerEmail);
        Assert.Equal("Ivan Ivanov", mirrored.CustomerName);
    }

    [Fact]
    public async Task A_promo_code_error_inside_a_200_fails_the_command_with_the_reason()
    {
        var order = TakeOpenOrder();

        using var response = await factory.ActOnAsync(CommandApiFactory.TicketscloudAccount, order.Id,
            """{"action":"apply_promocodes","promocodes":["NO-SUCH-CODE"]}""", NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var command = await BodyAsync(response);
        Assert.Equal("failed", command.GetProperty("state").GetString());
        Assert.Contains("promocode_not_found", command.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, PatchesOf(order.Id));
    }

    [Fact]
    public async Task A_known_promo_code_applies_whatever_its_case()
    {
        // The emulator gives one new order in ten the promo code already; this test needs one without it.
        var order = TakeOpenOrder();
        while (order.PromoCodes.Count > 0)
        {
            order = TakeOpenOrder();
        }

        using var response = await factory.ActOnAsync(CommandApiFactory.TicketscloudAccount, order.Id,
            """{"action":"apply_promocodes","promocodes":["PROMO100"]}""", NewKey());

        var command = await BodyAsync(response);
        Assert.Equal("succeeded", command.GetProperty("state").GetString());
        Assert.Single((await MirroredAsync(order.Id)).PromoCodes);
    }

    [Fact]
    public async Task A_done_order_is_refused_before_anything_is_sent()
    {
        var order = TakeOrder(o => o.Status == "done");

        using var response = await factory.ActOnAsync(CommandApiFactory.TicketscloudAccount, order.Id,
            """{"action":"send_tickets","send_tickets":true}""", NewKey());

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        Assert.Contains("done", (await BodyAsync(response)).GetProperty("errors").GetProperty("action")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, PatchesOf(order.Id));
    }

    [Fact]
    public async Task A_qtickets_action_on_a_ticketscloud_account_is_refused()
    {
        var order = TakeOpenOrder();

        using var response = await factory.ActOnAsync(CommandApiFactory.TicketscloudAccount, order.Id, """{"action":"restore_order"}""", NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, PatchesOf(order.Id));
    }
}
