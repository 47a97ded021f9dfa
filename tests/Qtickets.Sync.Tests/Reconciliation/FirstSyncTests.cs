using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Tests.Support;
using Xunit.Abstractions;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>The service as deployed: no first-sync horizon set, so a new account loads everything QTickets serves.</summary>
public sealed class FirstSyncFactory : EmulatorBackedFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings.Remove("Reconcile:InitialHorizonHours");
            return settings;
        }
    }
}

/// <summary>
/// A new QTickets account's first sync against a server that ignores filters (as production does): the first
/// incremental run the schedule starts loads three years of history, about one request a page, resumes where it
/// stopped, shows its progress, and hands over to incremental runs; an account that synced before never reloads.
/// </summary>
public sealed class FirstSyncTests(FirstSyncFactory factory, ITestOutputHelper output) : IClassFixture<FirstSyncFactory>, IAsyncLifetime
{
    private const int HistoryOrders = 3_000;

    private ReconcileEmulator? emulator;

    private ReconcileEmulator Emulator => emulator ?? throw new InvalidOperationException("Start the emulator first.");

    private ReconcileJobs Jobs => factory.GetRequiredService<ReconcileJobs>();

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var truncate = new NpgsqlCommand(
            "TRUNCATE qtickets_baskets, qtickets_orders, qtickets_clients, sync_runs, sync_state, audit_findings, audit_results, order_change_states, order_changes", connection);
        await truncate.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }

    private ReconcileEmulator Start(string behaviour)
    {
        emulator = new ReconcileEmulator(("Emulator:ServerBehaviour", behaviour), ("Emulator:HorizonDays", "1095"),
            ("Emulator:Orders", HistoryOrders.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        factory.Emulator = emulator.CreateHandler();
        return emulator;
    }

    /// <summary>Pages of the whole history at the 50 rows a page both modes serve.</summary>
    private int HistoryPages => (Emulator.Store.OrderCount + 49) / 50;

    /// <summary>The run the recurring job starts for the account, with no operator involved.</summary>
    private Task<string> ScheduledIncrementalAsync() => Jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None);

    [Theory]
    [InlineData("captured")]
    [InlineData("ignore-all")]
    public async Task The_first_scheduled_run_mirrors_three_years_of_history_at_about_one_request_a_page(string behaviour)
    {
        Start(behaviour);
        var oldest = Emulator.Store.EnumerateOrders().Min(o => o.CreatedAt);
        Assert.True(oldest < DateTimeOffset.UtcNow.AddDays(-1000), $"the emulator's history starts at {oldest:O}");
        var before = Emulator.Stats.ApiRequests;

        Assert.Equal(SyncRunStatuses.Succeeded, await ScheduledIncrementalAsync());

        var requests = Emulator.Stats.ApiRequests - before;
        output.WriteLine($"{behaviour}: {Emulator.Store.OrderCount} orders, {HistoryPages} pages, {requests} requests");
        Assert.InRange(requests, HistoryPages, (long)(HistoryPages * 1.05));
        await AssertEveryOrderMirroredAsync();
        var firstSync = await FirstSyncStatusAsync();
        Assert.True(firstSync.GetProperty("done").GetBoolean(), firstSync.ToString());
        Assert.Equal(HistoryPages, firstSync.GetProperty("pagesEstimated").GetInt32());
        await using (var db = factory.CreateDbContext())
        {
            // Loading history is not healing: no webhook was ever expected to bring these orders.
            var load = await db.SyncRuns.OrderBy(r => r.Id).LastAsync(r => r.Kind == SyncRunKinds.Incremental);
            Assert.Equal((Emulator.Store.OrderCount, 0), (load.OrdersInserted, load.GapsHealed));
        }

        // Incremental runs take over: the next one reads the tail, not the history again.
        before = Emulator.Stats.ApiRequests;
        Assert.Equal(SyncRunStatuses.Succeeded, await ScheduledIncrementalAsync());
        Assert.InRange(Emulator.Stats.ApiRequests - before, 1L, 5L);
    }

    [Fact]
    public async Task A_first_sync_stopped_midway_shows_its_progress_and_resumes_after_the_last_committed_page()
    {
        Start("captured");
        var stopping = new StopAfterRequests(Emulator.CreateHandler(), 10);
        factory.Emulator = stopping;

        Assert.IsType<QticketsAuthException>((await Assert.ThrowsAsync<PermanentRunFailureException>(ScheduledIncrementalAsync)).InnerException);

        var loading = await FirstSyncStatusAsync();
        Assert.False(loading.GetProperty("done").GetBoolean());
        var done = loading.GetProperty("pagesDone").GetInt32();
        Assert.InRange(done, 1, 10);
        Assert.Equal($"loading history: {done} of ~{HistoryPages} pages", loading.GetProperty("progress").GetString());
        using (var client = factory.CreateClient(SyncApiFactory.ReadKey))
        {
            var ready = await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative));
            Assert.Contains($"account default: First sync is loading history: {done} of ~{HistoryPages} pages.", ready, StringComparison.Ordinal);
        }

        factory.Emulator = Emulator.CreateHandler();
        var before = Emulator.Stats.ApiRequests;
        Assert.Equal(SyncRunStatuses.Succeeded, await ScheduledIncrementalAsync());

        // The resumed run reads only the pages not committed yet (plus the few read ahead when it stopped).
        Assert.InRange(Emulator.Stats.ApiRequests - before, HistoryPages - done, HistoryPages - done + 2L);
        await AssertEveryOrderMirroredAsync();
    }

    [Fact]
    public async Task An_account_that_already_has_a_watermark_does_not_load_its_history_again()
    {
        Start("captured");
        await using (var db = factory.CreateDbContext())
        {
            db.SyncStates.Add(new SyncState { Key = SyncStateKeys.OrdersWatermark, Watermark = DateTimeOffset.UtcNow.AddHours(-1), UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var before = Emulator.Stats.ApiRequests;

        Assert.Equal(SyncRunStatuses.Succeeded, await ScheduledIncrementalAsync());

        Assert.InRange(Emulator.Stats.ApiRequests - before, 1L, 5L);
        await using var check = factory.CreateDbContext();
        Assert.False(await check.SyncStates.AnyAsync(s => s.Key == SyncStateKeys.InitialLoad));
        Assert.True(await check.Orders.CountAsync() < Emulator.Store.OrderCount / 10);
    }

    private async Task AssertEveryOrderMirroredAsync()
    {
        await using var db = factory.CreateDbContext();
        var mirror = await db.Orders.AsNoTracking().ToDictionaryAsync(o => o.Id, o => (o.Payed, o.UpdatedAt));
        var truth = Emulator.Store.EnumerateOrders().ToList();
        Assert.Equal(truth.Count, mirror.Count);
        Assert.All(truth, order => Assert.Equal((order.Payed, order.UpdatedAt), mirror.GetValueOrDefault(order.Id)));
    }

    private async Task<JsonElement> FirstSyncStatusAsync()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        var status = await ReadApi.ReadApiData.GetJsonAsync(client, "/api/v1/sync/status");
        return status.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("account").GetString() == "default").GetProperty("firstSync");
    }

    /// <summary>Answers 401 to every request after the first <paramref name="allowed"/>: the run stops there.</summary>
    private sealed class StopAfterRequests(HttpMessageHandler inner, int allowed) : DelegatingHandler(inner)
    {
        private int seen;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref seen) > allowed
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized))
                : base.SendAsync(request, cancellationToken);
    }
}
