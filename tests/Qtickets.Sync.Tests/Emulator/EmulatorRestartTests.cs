using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Qtickets.Emulator;
using Qtickets.Emulator.Data;
using Ticketscloud.Emulator;
using Ticketscloud.Emulator.Data;

namespace Qtickets.Sync.Tests.Emulator;

/// <summary>
/// The bundled emulators serve the same generated history, same ids and same contents, every time they start with
/// the same settings — also when restarted later — so a demo restarted over a kept database duplicates nothing.
/// </summary>
public sealed class EmulatorRestartTests
{
    private static readonly DateTimeOffset FirstStart = new(2026, 12, 1, 9, 30, 17, TimeSpan.Zero);

    private static TcStore TicketscloudStartedAt(DateTimeOffset at) => new(Options.Create(new TcEmulatorOptions
    {
        Seed = 7,
        HorizonDays = 20,
        Organizers = [new TcOrganizerOptions { Token = "t1", Name = "Demo", Orders = 300 }],
    }), new FakeTimeProvider(at));

    private static string Describe(TcOrganizer organizer, TcOrder order) => string.Join('|',
        order.Id, order.Number, order.Code, order.Event, order.CreatedAt.ToString("O"), order.Status, order.DoneAt?.ToString("O"),
        order.CustomerEmail, string.Join(',', order.Tickets.Select(t => $"{t.Id}:{t.Number}:{t.Set}:{t.Price}:{t.Status}")),
        string.Join(',', organizer.RefundRequests.Where(r => r.Order == order.Id).Select(r => $"{r.Id}:{r.Status}:{r.CreatedAt:O}")));

    [Fact]
    public void Two_Ticketscloud_emulators_started_days_apart_serve_the_history_they_share_with_the_same_ids_and_contents()
    {
        var first = TicketscloudStartedAt(FirstStart).Organizers[0];
        var restarted = TicketscloudStartedAt(FirstStart.AddDays(3).AddMinutes(17)).Organizers[0];

        Assert.Equal(first.Id, restarted.Id);
        Assert.Equal(first.Events.Select(e => e.Id), restarted.Events.Select(e => e.Id));
        // Orders settled before the restart window began (every fate of theirs is decided) are identical.
        var shared = restarted.Orders.Min(o => o.CreatedAt);
        var settled = FirstStart.AddDays(-3);
        var before = first.Orders.Where(o => o.CreatedAt >= shared && o.CreatedAt < settled).Select(o => Describe(first, o)).ToList();
        var after = restarted.Orders.Where(o => o.CreatedAt >= shared && o.CreatedAt < settled).Select(o => Describe(restarted, o)).ToList();
        Assert.True(before.Count > 200, $"only {before.Count} orders are shared");
        Assert.Equal(before, after);
        // Every order of the first start still in the restarted window keeps its id: none comes back under a new one.
        var restartedIds = restarted.Orders.Select(o => o.Id).ToHashSet();
        Assert.All(first.Orders.Where(o => o.CreatedAt >= shared), o => Assert.Contains(o.Id, restartedIds));
        Assert.Equal(restarted.Orders.Count, restarted.Orders.Select(o => o.Number).Distinct().Count());
    }

    [Fact]
    public void Two_Ticketscloud_emulators_started_alike_are_identical_and_their_live_orders_never_take_a_generated_or_earlier_id()
    {
        var one = TicketscloudStartedAt(FirstStart);
        var two = TicketscloudStartedAt(FirstStart);
        Assert.Equal(one.Organizers[0].Orders.Select(o => Describe(one.Organizers[0], o)), two.Organizers[0].Orders.Select(o => Describe(two.Organizers[0], o)));

        var live = one.CreateOrder(one.Organizers[0]);
        var restarted = TicketscloudStartedAt(FirstStart.AddMinutes(5));
        var liveAfterRestart = restarted.CreateOrder(restarted.Organizers[0]);

        Assert.NotEqual(live.Id, liveAfterRestart.Id);
        Assert.True(liveAfterRestart.Number > live.Number, $"live order numbers went back from {live.Number} to {liveAfterRestart.Number}");
        var generated = restarted.Organizers[0].Orders.Where(o => o != liveAfterRestart).ToList();
        Assert.DoesNotContain(generated, o => o.Id == live.Id || o.Number == live.Number || o.Number == liveAfterRestart.Number);
    }

    private static EmulatorStore QticketsStartedAt(DateTimeOffset at)
    {
        var options = Options.Create(new EmulatorOptions { Seed = 42, Orders = 2_000, HorizonDays = 30 });
        return new EmulatorStore(new DataSetGenerator(options), new FakeTimeProvider(at), options, NullLogger<EmulatorStore>.Instance);
    }

    [Fact]
    public void Two_QTickets_emulators_with_the_same_settings_generate_identical_orders_and_a_restart_keeps_every_id()
    {
        static List<string> Describe(EmulatorStore store) => store.EnumerateOrders()
            .Select(o => $"{o.Id}|{o.CreatedAt:O}|{o.UpdatedAt:O}|{o.Payed}|{o.DeletedAt:O}|{string.Join(',', o.Baskets.Select(b => $"{b.Id}:{b.Price}:{b.RefundedAmount}"))}")
            .ToList();

        Assert.Equal(Describe(QticketsStartedAt(FirstStart)), Describe(QticketsStartedAt(FirstStart)));
        Assert.Equal(
            QticketsStartedAt(FirstStart).EnumerateOrders().Select(o => o.Id),
            QticketsStartedAt(FirstStart.AddDays(2)).EnumerateOrders().Select(o => o.Id));
    }
}
