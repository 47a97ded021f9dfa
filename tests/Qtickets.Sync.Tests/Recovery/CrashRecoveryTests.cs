using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Qtickets.Emulator;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Recovery;

/// <summary>
/// The real service process, killed (SIGKILL) in the middle of a backfill against the emulator and started
/// again: the run must be marked interrupted and finish by itself, from its checkpoint.
/// </summary>
public sealed partial class CrashRecoveryTests : IAsyncLifetime
{
    [GeneratedRegex(@"Backfill page (\d+) committed")]
    private static partial Regex PageCommitted();

    private readonly List<Process> processes = [];
    private TestDatabase? database;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(nameof(CrashRecoveryTests));

    [Fact]
    public async Task A_backfill_killed_midway_finishes_by_itself_after_the_restart_without_rereading_committed_pages()
    {
        var emulatorUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        Start(typeof(EmulatorMarker).Assembly.Location, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = emulatorUrl,
            ["Emulator__Orders"] = "600",
            ["Emulator__Token"] = EmulatorHost.Token,
            // Every API answer takes a while, so the kill lands in the middle of the walk.
            ["Emulator__Faults__SlowPercent"] = "100",
            ["Emulator__Faults__SlowDelayMs"] = "150",
        }, new StringBuilder());
        var serviceUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        using var client = new HttpClient { BaseAddress = new Uri(serviceUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", SyncApiFactory.AdminKey);

        var first = StartService(serviceUrl, emulatorUrl, new StringBuilder());
        await WaitUntilAsync(async () => (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode);
        var queued = await client.PostAsJsonAsync("/api/v1/sync/backfill", new { from = DateTimeOffset.UtcNow.AddDays(-60) });
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var runId = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetInt64();
        await WaitUntilAsync(async () => (await RunAsync(runId)).Pages >= 3);

        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        var committed = await CheckpointAsync(runId);
        var killed = await RunAsync(runId);
        Assert.Equal(SyncRunStatuses.Running, killed.Status);

        var secondLog = new StringBuilder();
        StartService(serviceUrl, emulatorUrl, secondLog);
        await WaitUntilAsync(async () => (await RunAsync(runId)).Status == SyncRunStatuses.Succeeded, TimeSpan.FromMinutes(2));

        var finished = await RunAsync(runId);
        Assert.Equal(1, finished.Interruptions);
        Assert.NotNull(finished.ResumedAt);
        Assert.True(finished.Pages > committed, $"{finished.Pages} pages after {committed} committed");
        // The second process walked on from the checkpoint: no page it committed is one the first had committed.
        string log;
        lock (secondLog)
        {
            log = secondLog.ToString();
        }
        var pagesAgain = PageCommitted().Matches(log).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(pagesAgain);
        Assert.All(pagesAgain, p => Assert.True(p > committed, $"page {p} was committed before the kill (checkpoint {committed})"));
        Assert.Contains("resuming it from its checkpoint", log, StringComparison.Ordinal);
    }

    private Process StartService(string url, string emulatorUrl, StringBuilder output) =>
        Start(typeof(Program).Assembly.Location, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = url,
            ["ConnectionStrings__Postgres"] = database!.ConnectionString,
            ["Qtickets__BaseUrl"] = $"{emulatorUrl}/api/rest/v1/",
            ["Qtickets__Token"] = EmulatorHost.Token,
            ["Qtickets__WebhookSecrets__0"] = "crash-test-secret",
            ["PersonalData__HashKey"] = "crash-test-personal-data-hash-key-0123",
            ["Auth__ApiKeys__0__Key"] = SyncApiFactory.AdminKey,
            ["Auth__ApiKeys__0__Scopes"] = "admin",
            ["Reconcile__PageSize"] = "10",
            // Short enough that the test sees the takeover quickly; production keeps the documented defaults.
            ["Jobs__InvisibilityTimeout"] = "00:00:05",
            ["Jobs__QueuePollInterval"] = "00:00:00.500",
            ["Jobs__ServerHeartbeatInterval"] = "00:00:01",
            ["Jobs__ServerDeadAfter"] = "00:00:03",
            // Keep the schedules out of the way: only the backfill runs.
            ["Reconcile__IncrementalCron"] = "0 0 31 2 *",
            ["Reconcile__FullSweepCron"] = "0 0 31 2 *",
            ["Reconcile__CatalogCron"] = "0 0 31 2 *",
        }, output);

    private Process Start(string dll, Dictionary<string, string> environment, StringBuilder output)
    {
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        void Append(object _, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        }
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
        return process;
    }

    private async Task<int> CheckpointAsync(long runId)
    {
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT page FROM sync_state WHERE key = @key", connection);
        command.Parameters.AddWithValue("key", SyncStateKeys.BackfillCheckpoint(runId));
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private async Task<SyncRun> RunAsync(long runId)
    {
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status, pages, interruptions, resumed_at FROM sync_runs WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", runId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new SyncRun
        {
            Id = runId,
            Status = reader.GetString(0),
            Pages = reader.GetInt32(1),
            Interruptions = reader.GetInt32(2),
            ResumedAt = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
        };
    }

    /// <summary>Polls the way an operator would, with a deadline; the processes run on their own clocks.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition was not met in time.");
            }
            await Task.Delay(200);
        }
    }


    public async Task DisposeAsync()
    {
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
