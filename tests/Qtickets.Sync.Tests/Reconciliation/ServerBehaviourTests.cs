using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qtickets.Emulator.Activity;
using Qtickets.Emulator.Faults;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

public sealed class DocumentedModeFactory : EmulatorBackedFactory;

public sealed class CapturedModeFactory : EmulatorBackedFactory;

public sealed class IgnoreAllModeFactory : EmulatorBackedFactory;

public sealed class DocumentedServerTests(DocumentedModeFactory factory) : ServerBehaviourTests(factory, "documented"), IClassFixture<DocumentedModeFactory>;

public sealed class CapturedServerTests(CapturedModeFactory factory) : ServerBehaviourTests(factory, "captured"), IClassFixture<CapturedModeFactory>;

public sealed class IgnoreAllServerTests(IgnoreAllModeFactory factory) : ServerBehaviourTests(factory, "ignore-all"), IClassFixture<IgnoreAllModeFactory>
{
    [Fact]
    public async Task Pages_shifting_under_the_tail_walk_lose_no_order_of_the_tail()
    {
        await InitialSyncAsync();
        await StepAsync(40);
        Emulator.Faults.Settings = new FaultSettings { ShiftingPagesPercent = 30 };

        Assert.Equal(SyncRunStatuses.Succeeded, await Jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));

        Emulator.Faults.Settings = new FaultSettings();
        Assert.True(Emulator.Stats.ShiftedPages > 0, "no page shifted during the walk");
        await AssertTailMirroredAsync();
    }
}

/// <summary>
/// The incremental reconcile against the emulator in each server behaviour: what it mirrors, how many requests
/// it spends, what it records about the server, and that a run stopped midway loses nothing.
/// </summary>
public abstract class ServerBehaviourTests(EmulatorBackedFactory factory, string behaviour) : IAsyncLifetime
{
    private HttpClient? control;

    protected ReconcileEmulator Emulator { get; } = new(("Emulator:ServerBehaviour", behaviour), ("Emulator:Orders", "1500"));

    protected ReconcileJobs Jobs => factory.GetRequiredService<ReconcileJobs>();

    private DateTimeOffset TailStart => DateTimeOffset.UtcNow.AddHours(-72);

    public async Task InitializeAsync()
    {
        factory.Emulator = Emulator.CreateHandler();
        control = Emulator.CreateClient();
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var truncate = new NpgsqlCommand(
            "TRUNCATE qtickets_baskets, qtickets_orders, qtickets_clients, sync_runs, sync_state, audit_findings, audit_results, order_change_states, order_changes", connection);
        await truncate.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        control?.Dispose();
        await Emulator.DisposeAsync();
    }

    /// <summary>Brings the mirror to the emulator's truth with a backfill over all of its history.</summary>
    protected async Task InitialSyncAsync()
    {
        var backfill = await factory.GetRequiredService<SyncRunTrigger>().BackfillAsync(
            await factory.DefaultAccountAsync(), new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), SyncRunTriggers.Api, CancellationToken.None);
        Assert.Equal(SyncRunStatuses.Succeeded, await Jobs.RunAsync("default", SyncRunKinds.Backfill, backfill.RunId, null, CancellationToken.None));
        Assert.Equal(SyncRunStatuses.Succeeded, await Jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));
    }

    /// <summary>Applies changes upstream; no webhook reaches the service (none is configured), as if all were dropped.</summary>
    protected async Task<ActivityStepResult> StepAsync(int count)
    {
        var response = await control!.PostAsync(new Uri($"/emulator/activity/step?count={count}", UriKind.Relative), null);
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ActivityStepResult>())!;
    }

    private async Task<Dictionary<long, Order>> MirrorAsync()
    {
        await using var db = factory.CreateDbContext();
        return await db.Orders.AsNoTracking().Include(o => o.Baskets).ToDictionaryAsync(o => o.Id);
    }

    private async Task<SyncRun> LastIncrementalAsync()
    {
        await using var db = factory.CreateDbContext();
        return await db.SyncRuns.AsNoTracking().Where(r => r.Kind == SyncRunKinds.Incremental).OrderByDescending(r => r.Id).FirstAsync();
    }

    /// <summary>Every order created in the tail (72 h), paid or not, is mirrored with its latest version.</summary>
    protected async Task AssertTailMirroredAsync()
    {
        var mirror = await MirrorAsync();
        var tail = Emulator.Store.EnumerateOrders().Where(o => o.CreatedAt >= TailStart).ToList();
        Assert.NotEmpty(tail);
        Assert.Contains(tail, o => !o.Payed);
        Assert.All(tail, truth =>
        {
            Assert.True(mirror.TryGetValue(truth.Id, out var stored), $"order {truth.Id} of the tail is not mirrored");
            Assert.Equal((truth.Payed, truth.UpdatedAt), (stored!.Payed, stored.UpdatedAt));
        });
    }

    [Fact]
    public async Task Every_paid_order_is_mirrored_exactly_and_nothing_unpaid_is_stored_as_paid()
    {
        await InitialSyncAsync();
        await StepAsync(60);

        Assert.Equal(SyncRunStatuses.Succeeded, await Jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));
        await AssertTailMirroredAsync();
        // Changes to orders older than the tail reach a tail walk by webhook or by the nightly sweep.
        Assert.Equal(SyncRunStatuses.Succeeded, await Jobs.RunAsync("default", SyncRunKinds.FullSweep, null, null, CancellationToken.None));

        var mirror = await MirrorAsync();
        var truth = Emulator.Store.EnumerateOrders().ToList();
        Assert.All(truth.Where(o => o.Payed), paid =>
        {
            Assert.True(mirror.TryGetValue(paid.Id, out var stored), $"paid order {paid.Id} is not mirrored");
            Assert.Equal((true, paid.UpdatedAt, paid.DeletedAt), (stored!.Payed, stored.UpdatedAt, stored.DeletedAt));
            Assert.Equal(paid.Baskets.Select(b => (long)b.Id).Order(), stored.Baskets.Where(b => b.VanishedAt == null).Select(b => b.Id).Order());
            foreach (var basket in paid.Baskets)
            {
                var kept = stored.Baskets.Single(b => b.Id == basket.Id);
                Assert.Equal((basket.Price, basket.TicketAmount, basket.ServiceFeeAmount, basket.TicketOriginalPrice, basket.RefundedAmount),
                    (kept.Price, kept.TicketAmount, kept.ServiceFeeAmount, kept.TicketOriginalPrice, kept.RefundedAmount));
            }
        });
        var unpaidTruth = truth.Where(o => !o.Payed).Select(o => (long)o.Id).ToHashSet();
        Assert.DoesNotContain(mirror.Values, o => o.Payed && unpaidTruth.Contains(o.Id));
    }

    [Fact]
    public async Task An_incremental_run_after_twenty_changes_stays_within_ten_list_requests_and_records_the_server_behaviour()
    {
        await InitialSyncAsync();
        await StepAsync(20);

        Assert.Equal(SyncRunStatuses.Succeeded, await Jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));

        var run = await LastIncrementalAsync();
        Assert.InRange(run.ListRequests, 1, 10);
        var ignoresFilters = behaviour == "ignore-all";
        Assert.Equal(ignoresFilters ? "ignored" : "honoured", run.ServerUpdatedFilter);
        Assert.Equal(behaviour == "documented" ? 200 : 50, run.ServerPageSize);
        if (behaviour != "documented")
        {
            Assert.NotEqual("honoured", run.ServerOrder);
        }
        using var status = factory.CreateClient(SyncApiFactory.ReadKey);
        var body = await status.GetStringAsync(new Uri("/api/v1/sync/status", UriKind.Relative));
        Assert.Contains($"\"updatedFilter\":\"{(ignoresFilters ? "ignored" : "honoured")}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_stopped_midway_leaves_the_watermark_where_the_next_run_still_finds_what_it_had_not_reached()
    {
        await InitialSyncAsync();
        await StepAsync(300);
        var stopping = new StopAfterListRequests(Emulator.CreateHandler(), 2);
        factory.Emulator = stopping;

        Assert.IsType<QticketsAuthException>((await Assert.ThrowsAsync<PermanentRunFailureException>(() => Jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None))).InnerException);
        Assert.True(stopping.Stopped, "the run ended before it was stopped");
        factory.Emulator = Emulator.CreateHandler();
        Assert.Equal(SyncRunStatuses.Succeeded, await Jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));

        await AssertTailMirroredAsync();
        if (behaviour != "ignore-all")
        {
            // The filtered listings reach every change, however old the order.
            var mirror = await MirrorAsync();
            Assert.All(Emulator.Store.EnumerateOrders(), truth =>
                Assert.Equal(truth.UpdatedAt, mirror.GetValueOrDefault(truth.Id)?.UpdatedAt));
        }
    }

    [Fact]
    public async Task A_run_meeting_twenty_percent_429_and_ten_percent_503_completes_as_one_run()
    {
        await InitialSyncAsync();
        await StepAsync(300);
        Emulator.Faults.Settings = new FaultSettings { Api429Percent = 20, Api503Percent = 10, RetryAfterSeconds = 0 };
        var before = Emulator.Stats;
        await using var db = factory.CreateDbContext();
        var runsBefore = await db.SyncRuns.CountAsync();

        var status = await Jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None);

        Emulator.Faults.Settings = new FaultSettings();
        Assert.Equal(SyncRunStatuses.Succeeded, status);
        Assert.Equal(runsBefore + 1, await db.SyncRuns.CountAsync());
        Assert.True(Emulator.Stats.Api429 > before.Api429, "no 429 was answered");
        await AssertTailMirroredAsync();
    }

    /// <summary>Answers 401 to order listings after the first <paramref name="allowed"/>: the run stops there.</summary>
    private sealed class StopAfterListRequests(HttpMessageHandler inner, int allowed) : DelegatingHandler(inner)
    {
        private int seen;

        public bool Stopped { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/orders", StringComparison.Ordinal) && Interlocked.Increment(ref seen) > allowed)
            {
                Stopped = true;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
