using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>The emulator with 700 orders over 30 days (seed 11), plus <paramref name="extra"/> settings.</summary>
public sealed class ReconcileEmulator(params (string Key, string Value)[] extra) : EmulatorHost
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Emulator:Orders"] = "700";
            settings["Emulator:Seed"] = "11";
            foreach (var (key, value) in extra)
            {
                settings[key] = value;
            }
            return settings;
        }
    }
}

/// <summary>The real client and jobs against the QTickets emulator running in-process.</summary>
public class EmulatorBackedFactory : SyncApiFactory
{
    public HttpMessageHandler? Emulator { get; set; }

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Qtickets:BaseUrl"] = EmulatorHost.BaseUrl.ToString();
            settings["Qtickets:Token"] = EmulatorHost.Token;
            settings["Qtickets:RequestsPerSecond"] = "0";
            settings["Reconcile:InitialHorizonHours"] = "2000";
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(QticketsClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new CurrentEmulator(this)));
    }

    /// <summary>
    /// Sends to whatever <see cref="Emulator"/> is at the time of the request: the client factory keeps its
    /// primary handler for minutes, while tests start an emulator each.
    /// </summary>
    private sealed class CurrentEmulator(EmulatorBackedFactory owner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var handler = owner.Emulator ?? throw new InvalidOperationException("Start the emulator before the first QTickets call.");
            using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
            return invoker.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>
/// Each test starts its own <see cref="ReconcileEmulator"/> and points the service's QTickets client at it;
/// <see cref="Control"/> reaches the emulator's own endpoints (truth, activity).
/// </summary>
public abstract class EmulatorBackedTests(EmulatorBackedFactory factory, ReconcileEmulator emulator) : IAsyncLifetime
{
    private HttpClient? control;

    protected EmulatorBackedFactory Factory => factory;

    protected HttpClient Control => control ?? throw new InvalidOperationException("The emulator starts in InitializeAsync.");

    public Task InitializeAsync()
    {
        factory.Emulator = emulator.CreateHandler();
        control = emulator.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        control?.Dispose();
        await emulator.DisposeAsync();
    }
}

public sealed class EmulatorReconcileTests(EmulatorBackedFactory fixture)
    : EmulatorBackedTests(fixture, new ReconcileEmulator()), IClassFixture<EmulatorBackedFactory>
{
    /// <summary>Paid orders as the emulator really holds them: id → updated_at.</summary>
    private async Task<Dictionary<long, DateTimeOffset>> PaidTruthAsync()
    {
        using var truth = JsonDocument.Parse(await Control.GetStringAsync(new Uri("/emulator/truth/orders?per_page=10000", UriKind.Relative)));
        return truth.RootElement.GetProperty("data").EnumerateArray()
            .Where(o => o.GetProperty("payed").GetBoolean())
            .ToDictionary(o => o.GetProperty("id").GetInt64(), o => o.GetProperty("updated_at").GetDateTimeOffset());
    }

    private async Task<Dictionary<long, DateTimeOffset>> PaidMirrorAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.Orders.AsNoTracking().Where(o => o.Payed).ToDictionaryAsync(o => o.Id, o => o.UpdatedAt);
    }

    [Fact]
    public async Task A_backfill_brings_the_mirror_to_the_emulators_truth_and_incremental_runs_keep_it_there_as_orders_change()
    {
        var jobs = Factory.GetRequiredService<ReconcileJobs>();
        // Seed order 4360 dates from 2019, far behind the incremental horizon: only a backfill reaches it.
        var backfill = await Factory.GetRequiredService<SyncRunTrigger>().BackfillAsync(
            await Factory.DefaultAccountAsync(), new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.FromHours(3)), SyncRunTriggers.Api, CancellationToken.None);

        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Backfill, backfill.RunId, null, CancellationToken.None));
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));
        var truth = await PaidTruthAsync();
        Assert.NotEmpty(truth);
        Assert.Equal(truth.OrderBy(p => p.Key), (await PaidMirrorAsync()).OrderBy(p => p.Key));

        var step = await Control.PostAsync(new Uri("/emulator/activity/step?count=60", UriKind.Relative), null);
        step.EnsureSuccessStatusCode();
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));

        var changedTruth = await PaidTruthAsync();
        var mirror = await PaidMirrorAsync();
        Assert.All(changedTruth, paid => Assert.Equal(paid.Value, mirror.GetValueOrDefault(paid.Key)));
        await using var db = Factory.CreateDbContext();
        var second = await db.SyncRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstAsync();
        Assert.True(second.GapsHealed > 0);
        // The emulator serves the order write endpoints now (for the command path): the sync still never calls them.
        using var stats = JsonDocument.Parse(await Control.GetStringAsync(new Uri("/emulator/stats", UriKind.Relative)));
        Assert.Equal(0, stats.RootElement.GetProperty("writeEndpointCalls").GetInt64());
    }
}
