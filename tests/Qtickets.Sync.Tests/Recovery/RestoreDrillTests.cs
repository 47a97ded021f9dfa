using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Qtickets.Reconcile;
using Qtickets.Sync.Tests.Reconciliation;
using Qtickets.Sync.Tests.Soak;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Recovery;

/// <summary>The service the backup is taken from: webhooks signed as the emulator signs them; jobs run by the test.</summary>
public sealed class BackedUpFactory : EmulatorBackedFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Qtickets:WebhookSecrets:0"] = ConvergenceFactory.Secret,
    };
}

/// <summary>
/// The service started on the restored database as production starts it: its own job server (role all), webhooks
/// applied and daily sales folded in the background. Only the schedules are pushed out of the way, so the test
/// says when the next incremental run is due.
/// </summary>
public sealed class RestoredFactory : EmulatorBackedFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Qtickets:WebhookSecrets:0"] = ConvergenceFactory.Secret,
        ["Jobs:Role"] = "all",
        ["Webhooks:ApplyInBackground"] = "true",
        ["Sales:FoldInBackground"] = "true",
        ["Reconcile:IncrementalCron"] = "0 0 31 2 *",
        ["Reconcile:FullSweepCron"] = "0 0 31 2 *",
        ["Reconcile:CatalogCron"] = "0 0 31 2 *",
        ["Audit:Cron"] = "0 0 31 2 *",
    };
}

/// <summary>
/// The restore drill (docs/operations.md): a whole-database backup (<c>pg_dump -Fc</c>, Hangfire's schema included)
/// taken while a run is under way; the platform goes on for 2,000 changes whose webhooks reach only the old
/// database, 10 % of them lost on the way; the dump is restored into a fresh database and the service started on
/// it. Without anyone acting, the run the backup caught running is taken up and finished, the next incremental
/// run reads from the backup's watermark, and the mirror equals the platform.
/// </summary>
public sealed class RestoreDrillTests(BackedUpFactory factory) : IClassFixture<BackedUpFactory>, IAsyncLifetime
{
    private FaultyWebhookEmulator? emulator;
    private TestDatabase? restoredDatabase;
    private RestoredFactory? restored;
    private readonly string dump = Path.Combine(Path.GetTempPath(), $"qts-restore-drill-{Guid.NewGuid():N}.dump");

    public Task InitializeAsync()
    {
        emulator = new FaultyWebhookEmulator(() => factory.Server.CreateHandler());
        factory.Emulator = emulator.CreateHandler();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (restored is not null)
        {
            await restored.DisposeAsync();
        }
        if (restoredDatabase is not null)
        {
            await restoredDatabase.DisposeAsync();
        }
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
        File.Delete(dump);
    }

    [Fact]
    public async Task A_database_restored_from_an_older_dump_converges_to_the_platform_by_itself()
    {
        var jobs = factory.GetRequiredService<ReconcileJobs>();
        var trigger = factory.GetRequiredService<SyncRunTrigger>();
        var backfill = await trigger.BackfillAsync(await factory.DefaultAccountAsync(), new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), SyncRunTriggers.Api, CancellationToken.None);
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Backfill, backfill.RunId, null, CancellationToken.None));
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));
        // The backup catches a run under way: its job taken by a worker of a host that will never come back.
        var caught = await trigger.ReconcileAsync(await factory.DefaultAccountAsync(), SyncRunKinds.Catalog, SyncRunTriggers.Api, CancellationToken.None);
        await TestSql.ScalarAsync<int>(factory.ConnectionString,
            $"UPDATE sync_runs SET status = 'running', host = 'host-lost-with-the-old-database', started_at = now() WHERE id = {caught.RunId}; SELECT 0");
        var watermark = await WatermarkAsync(factory.ConnectionString);

        await ToolAsync("pg_dump", factory.ConnectionString, "-Fc", "-f", dump);

        using var control = emulator!.CreateClient();
        (await control.PostAsync(new Uri("/emulator/activity/step?count=2000", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await emulator.WebhooksSettledAsync();
        Assert.True(emulator.Stats.WebhooksDropped > 0, $"no webhook was lost: {emulator.Stats}");

        restoredDatabase = await TestDatabase.CreateAsync("restored");
        await ToolAsync("pg_restore", restoredDatabase.ConnectionString, "--no-owner", "--exit-on-error", dump);
        Assert.NotNull(watermark);
        Assert.Equal(watermark, await WatermarkAsync(restoredDatabase.ConnectionString));
        restored = new RestoredFactory { Emulator = emulator.CreateHandler() };
        restored.UseDatabase(restoredDatabase.ConnectionString);
        await restored.InitializeAsync();
        // The incremental schedule's next tick, which would come within Reconcile:IncrementalCron.
        restored.GetRequiredService<IRecurringJobManager>().Trigger(IAccountRecurringJobs.Id(QticketsRecurringJobs.IncrementalKind, "default"));

        await WaitUntilAsync(async () =>
        {
            await using var db = restored.CreateDbContext();
            var runs = await db.SyncRuns.AsNoTracking().ToListAsync();
            return runs.Single(r => r.Id == caught.RunId).Status == SyncRunStatuses.Succeeded
                && runs.Any(r => r.Kind == SyncRunKinds.Incremental && r.Id > caught.RunId && r.Status == SyncRunStatuses.Succeeded);
        });

        await using (var db = restored.CreateDbContext())
        {
            var resumed = await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == caught.RunId);
            Assert.Equal(1, resumed.Interruptions);
            Assert.DoesNotContain(await db.SyncRuns.AsNoTracking().Select(r => r.Status).ToListAsync(), s => s == SyncRunStatuses.Running);
            var incremental = await db.SyncRuns.AsNoTracking().Where(r => r.Kind == SyncRunKinds.Incremental && r.Id > caught.RunId && r.Status == SyncRunStatuses.Succeeded).SingleAsync();
            Assert.True(incremental.GapsHealed > 0, "the changes made after the backup reached the mirror through reconcile");
        }
        var truth = await MirrorTruth.PaidTruthAsync(control);
        var mirror = await MirrorTruth.PaidMirrorAsync(restored);
        Assert.Equal(truth.Keys.Order(), mirror.Keys.Order());
        Assert.All(truth.Values, expected => MirrorTruth.AssertSame(expected, mirror[expected.Id]));
    }

    private static async Task<DateTimeOffset?> WatermarkAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT max(watermark) FROM sync_state WHERE key = @key", connection);
        command.Parameters.AddWithValue("key", SyncStateKeys.OrdersWatermark);
        return await command.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the restored service did not converge within 60 s");
            await Task.Delay(200);
        }
    }

    /// <summary>Runs a PostgreSQL client tool of the server's major version against the database of <paramref name="connectionString"/>.</summary>
    private static async Task ToolAsync(string tool, string connectionString, params string[] arguments)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(PostgresTool(tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            Environment = { ["PGPASSWORD"] = target.Password ?? "" },
        };
        foreach (var argument in new[] { "-h", target.Host!, "-p", target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", target.Username!, "-d", target.Database! }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await error}");
    }

    private static string PostgresTool(string tool) =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var major) ? major : 0)
                .FirstOrDefault() ?? tool
            : tool;
}
