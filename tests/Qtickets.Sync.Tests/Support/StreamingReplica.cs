using System.Diagnostics;
using Npgsql;

namespace Qtickets.Sync.Tests.Support;

/// <summary>
/// A primary and a real streaming replica of it, both on loopback ports of their own: the primary is the bundled
/// cluster (<c>deploy/local-postgres.sh</c> in a temporary folder), the replica a <c>pg_basebackup -R</c> of it
/// started with <c>pg_ctl</c>. Both are stopped and removed when disposed.
/// </summary>
public sealed class StreamingReplica : IAsyncLifetime
{
    private const string Database = "mirror";

    private DirectoryInfo? root;
    private string? bindir;

    public string PrimaryConnectionString { get; private set; } = "";
    public string ReplicaConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xUnit does not dispose a fixture whose start failed: stop whatever did start, so no cluster outlives the run.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        // The cluster's files belong to the postgres user when the tests run as root: it must reach the folder.
        root = Directory.CreateTempSubdirectory("qts-replica-");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root.FullName, (UnixFileMode)0b111_101_101);
        }
        var primaryPort = LoopbackPort.Free();
        var script = await RunAsync("bash", [RepositoryFiles.PathOf("deploy/local-postgres.sh")], new Dictionary<string, string>
        {
            ["QTICKETS_PG_PORT"] = primaryPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["QTICKETS_PG_DIR"] = Path.Combine(root.FullName, "primary"),
            ["QTICKETS_PG_DATABASE"] = Database,
        });
        PrimaryConnectionString = script.Trim();
        if (Environment.UserName == "root")
        {
            // The script made the postgres user if it was missing; pg_basebackup, run as that user, writes next to the primary.
            await RunAsync("chown", ["postgres", root.FullName]);
        }
        bindir = FindBindir();

        var replicaPort = LoopbackPort.Free();
        var replica = Path.Combine(root.FullName, "replica");
        var socket = replica + "-socket";
        await AsOwnerAsync("pg_basebackup", "-h", "127.0.0.1", "-p", $"{primaryPort}", "-U", "postgres", "-D", replica, "-R", "-X", "stream", "-c", "fast");
        await AsOwnerAsync("mkdir", "-p", socket);
        // The copied postgresql.conf names the primary's port and socket; the last setting in the file wins.
        await AsOwnerAsync("bash", "-c", $"printf \"port = {replicaPort}\\nunix_socket_directories = '{socket}'\\n\" >> '{replica}/postgresql.conf'");
        await AsOwnerAsync(Path.Combine(bindir, "pg_ctl"), "-D", replica, "-l", Path.Combine(replica, "server.log"), "-s", "-w", "-t", "60", "start");
        ReplicaConnectionString = new NpgsqlConnectionStringBuilder(PrimaryConnectionString) { Port = replicaPort }.ConnectionString;
    }

    /// <summary>Stops (or restarts) replaying the primary's WAL on the replica: what it serves stays as it was.</summary>
    public async Task PauseReplayAsync(bool paused)
    {
        await using var connection = new NpgsqlConnection(ReplicaConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(paused ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (root is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        if (bindir is not null)
        {
            foreach (var cluster in new[] { "replica", "primary" })
            {
                var data = Path.Combine(root.FullName, cluster);
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    await AsOwnerAsync(Path.Combine(bindir, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop");
                }
            }
        }
        root.Delete(recursive: true);
    }

    private static string FindBindir()
    {
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_basebackup")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException("pg_basebackup not found under /usr/lib/postgresql/*/bin (deploy/local-postgres.sh installs it).");
    }

    /// <summary>initdb, pg_ctl and postgres refuse to run as root; as root they run as the postgres user, as the script does.</summary>
    private Task<string> AsOwnerAsync(string program, params string[] arguments)
    {
        var tool = program.Contains('/', StringComparison.Ordinal) || program is "bash" or "mkdir" ? program : Path.Combine(bindir!, program);
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", tool, .. arguments])
            : RunAsync(tool, arguments);
    }

    private static async Task<string> RunAsync(string program, string[] arguments, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        }
        return await output;
    }
}
