using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qtickets.Emulator.Activity;
using Qtickets.Emulator.Webhooks;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Webhooks;
using Qtickets.Sync.Tests.Soak;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>
/// Stands between the emulator's webhook sender and the service: a webhook of an order <paramref name="lost"/>
/// picks is answered 200 and never reaches the service, as a webhook lost on the way would be.
/// </summary>
public sealed class LosingWebhookHandler(HttpMessageHandler service, Func<long, bool> lost) : DelegatingHandler(service)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var body = JsonDocument.Parse(await request.Content!.ReadAsByteArrayAsync(cancellationToken));
        return lost(body.RootElement.GetProperty("id").GetInt64())
            ? new HttpResponseMessage(HttpStatusCode.OK)
            : await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>The emulator (300 orders, no faults of its own) sending every webhook through <see cref="LosingWebhookHandler"/>.</summary>
public sealed class WebhookSendingEmulator(Func<HttpMessageHandler> service, Func<long, bool> lost) : EmulatorHost
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Emulator:Orders"] = "300",
        ["Emulator:Seed"] = "5",
        ["Emulator:WebhookUrl"] = "http://sync.test/webhooks/qtickets",
        ["Emulator:WebhookSecret"] = ConvergenceFactory.Secret,
        ["Emulator:WebhookRetryScale"] = "0.001",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(WebhookSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new LosingWebhookHandler(service(), lost)));
    }
}

/// <summary>
/// Issue 24 item 1: a reconcile counts a gap only where the mirror's business content was wrong. Orders whose
/// webhooks arrived are at most refreshed (their listing payload lacks the webhook-only keys), never healed.
/// </summary>
public abstract class HealedGapsTests(ConvergenceFactory factory, Func<long, bool> lost) : IAsyncLifetime
{
    private WebhookSendingEmulator emulator = null!;

    protected ConvergenceFactory Factory => factory;

    public Task InitializeAsync()
    {
        emulator = new WebhookSendingEmulator(() => factory.Server.CreateHandler(), lost);
        factory.Emulator = emulator.CreateHandler();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    /// <summary>
    /// Brings the mirror to the emulator's truth, lets the emulator make <paramref name="count"/> changes, applies the webhooks that
    /// arrived, then runs an incremental reconcile. Returns the changes and the reconcile's run.
    /// </summary>
    protected async Task<(IReadOnlyList<ActivityChange> Changes, SyncRun Run)> ChangeThenReconcileAsync(int count)
    {
        var jobs = factory.GetRequiredService<ReconcileJobs>();
        var backfill = await factory.GetRequiredService<SyncRunTrigger>().BackfillAsync(
            await factory.DefaultAccountAsync(), new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), SyncRunTriggers.Api, CancellationToken.None);
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Backfill, backfill.RunId, null, CancellationToken.None));
        // The backfill reads paid orders only; the first incremental brings the unpaid ones too.
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));
        using var control = emulator.CreateClient();
        var step = await (await control.PostAsync(new Uri($"/emulator/activity/step?count={count}", UriKind.Relative), null))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ActivityStepResult>();
        await emulator.WebhooksSettledAsync();
        await factory.GetRequiredService<WebhookApplier>().ApplyPendingAsync(CancellationToken.None);

        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));

        await using var db = factory.CreateDbContext();
        var run = await db.SyncRuns.AsNoTracking().Where(r => r.Kind == SyncRunKinds.Incremental).OrderByDescending(r => r.Id).FirstAsync();
        return (step!.Changes, run);
    }

    /// <summary>Changed orders whose last change's webhook carried a key only webhooks have (checked_basket, refunded_baskets).</summary>
    protected static HashSet<long> LastChangeCarriedWebhookOnlyKeys(IEnumerable<ActivityChange> changes) =>
        [.. changes.GroupBy(c => (long)c.OrderId).Where(g => g.Last().EventType is "checked" or "refunded").Select(g => g.Key)];

    protected async Task<Dictionary<long, string>> LastSourceAsync(IReadOnlyCollection<long> ids)
    {
        await using var db = Factory.CreateDbContext();
        return await db.Orders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.LastSource);
    }
}

public sealed class FaultFreeHealedGapsTests(ConvergenceFactory factory)
    : HealedGapsTests(factory, _ => false), IClassFixture<ConvergenceFactory>
{
    [Fact]
    public async Task With_every_webhook_applied_a_reconcile_heals_no_gap_and_counts_the_webhook_only_differences_as_refreshed()
    {
        var (changes, run) = await ChangeThenReconcileAsync(80);

        var refreshed = LastChangeCarriedWebhookOnlyKeys(changes);
        Assert.NotEmpty(refreshed);
        Assert.True(run.OrdersSeen >= changes.Select(c => c.OrderId).Distinct().Count(), $"the reconcile saw {run.OrdersSeen} orders");
        Assert.Equal((0, 0), (run.GapsHealed, run.OrdersInserted));
        Assert.Equal((refreshed.Count, refreshed.Count), (run.OrdersUpdated, run.OrdersRefreshed));
        // The rewrite did happen (the mirror now holds the listing's payload): refreshed, not skipped.
        Assert.All(await LastSourceAsync(refreshed), o => Assert.Equal(OrderSources.Reconcile, o.Value));
    }
}

public sealed class DroppedWebhookHealedGapsTests(ConvergenceFactory factory)
    : HealedGapsTests(factory, Lost), IClassFixture<ConvergenceFactory>
{
    /// <summary>Every webhook of every third order is lost.</summary>
    private static bool Lost(long orderId) => orderId % 3 == 0;

    [Fact]
    public async Task After_lost_webhooks_a_reconcile_heals_exactly_the_orders_whose_webhooks_were_lost()
    {
        var (changes, run) = await ChangeThenReconcileAsync(80);

        var changed = changes.Select(c => (long)c.OrderId).ToHashSet();
        var dropped = changed.Where(Lost).ToHashSet();
        var refreshed = LastChangeCarriedWebhookOnlyKeys(changes).Where(id => !Lost(id)).ToList();
        Assert.NotEmpty(dropped);
        Assert.NotEqual(changed.Count, dropped.Count);
        Assert.Equal(dropped.Count, run.GapsHealed);
        Assert.Equal(refreshed.Count, run.OrdersRefreshed);
        Assert.Equal(dropped.Count + refreshed.Count, run.OrdersInserted + run.OrdersUpdated);
        // Each lost order was written by the reconcile; the healed count names no other.
        Assert.All(await LastSourceAsync(dropped), o => Assert.Equal(OrderSources.Reconcile, o.Value));
    }
}
