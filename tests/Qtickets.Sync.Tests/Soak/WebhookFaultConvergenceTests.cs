using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qtickets.Emulator.Webhooks;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Sales;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Webhooks;
using Qtickets.Sync.Tests.Reconciliation;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Soak;

/// <summary>The service with signed webhooks applied on demand, fed by the in-process emulator.</summary>
public sealed class ConvergenceFactory : EmulatorBackedFactory
{
    public const string Secret = "soak-webhook-secret";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Qtickets:WebhookSecrets:0"] = Secret,
    };
}

/// <summary>The emulator sending its webhooks, faults and all, straight into the service under test.</summary>
public sealed class FaultyWebhookEmulator(Func<HttpMessageHandler> service) : EmulatorHost
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Emulator:Orders"] = "600",
        ["Emulator:Seed"] = "7",
        ["Emulator:WebhookUrl"] = "http://sync.test/webhooks/qtickets",
        ["Emulator:WebhookSecret"] = ConvergenceFactory.Secret,
        ["Emulator:WebhookRetryScale"] = "0.001",
        ["Emulator:Faults:WebhookDropPercent"] = "10",
        ["Emulator:Faults:WebhookDuplicatePercent"] = "10",
        ["Emulator:Faults:WebhookReorderPercent"] = "10",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(WebhookSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(service));
    }
}

/// <summary>
/// Issue 5's promise: with 10% of webhooks dropped, 10% duplicated and 10% reordered, one reconcile brings the
/// mirror to exactly what QTickets holds, order by order, ticket by ticket and kopeck by kopeck.
/// </summary>
public sealed class WebhookFaultConvergenceTests(ConvergenceFactory factory) : IClassFixture<ConvergenceFactory>, IAsyncLifetime
{
    private FaultyWebhookEmulator? emulator;

    public Task InitializeAsync()
    {
        emulator = new FaultyWebhookEmulator(() => factory.Server.CreateHandler());
        factory.Emulator = emulator.CreateHandler();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task Lost_doubled_and_reordered_webhooks_then_one_reconcile_leave_the_mirror_equal_to_the_truth()
    {
        var jobs = factory.GetRequiredService<ReconcileJobs>();
        var backfill = await factory.GetRequiredService<SyncRunTrigger>().BackfillAsync(
            await factory.DefaultAccountAsync(), new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), SyncRunTriggers.Api, CancellationToken.None);
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Backfill, backfill.RunId, null, CancellationToken.None));
        using var control = emulator!.CreateClient();

        (await control.PostAsync(new Uri("/emulator/activity/step?count=400", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await emulator!.WebhooksSettledAsync();
        await factory.GetRequiredService<WebhookApplier>().ApplyPendingAsync(CancellationToken.None);
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));

        var stats = emulator.Stats;
        Assert.True(stats.WebhooksDropped > 0 && stats.WebhooksDuplicated > 0 && stats.WebhooksReordered > 0,
            $"faults were not exercised: {stats}");
        var truth = await MirrorTruth.PaidTruthAsync(control);
        var mirror = await MirrorTruth.PaidMirrorAsync(factory);
        Assert.Equal(truth.Keys.Order(), mirror.Keys.Order());
        Assert.All(truth.Values, expected => MirrorTruth.AssertSame(expected, mirror[expected.Id]));
        // Issue 10: the recompute equals the emulator's truth row for row, and the maintained table the recompute.
        await SalesTable.FoldAsync(factory);
        var recomputed = await SalesTable.RecomputeAsync(factory.ConnectionString, "Europe/Moscow");
        Assert.Equal(DailySales.Compute(truth.Values, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")), recomputed);
        Assert.Equal(recomputed, await SalesTable.TableAsync(factory.ConnectionString));
        Assert.Contains(recomputed, r => r.ServiceFees > 0);
        Assert.Contains(recomputed, r => r.Refunds > 0);
        await using var db = factory.CreateDbContext();
        Assert.True(await db.WebhookDeliveries.AnyAsync(d => d.DuplicateCount > 0), "no duplicate delivery was recorded");
    }
}
