using System.Net;
using System.Net.Sockets;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Foundation;

/// <summary>
/// Starts the real service process where it cannot run (a busy port, no database), as a new user would, and on a
/// fresh database, where it must run without alarming anyone.
/// </summary>
public sealed class StartupFailureTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(nameof(StartupFailureTests));

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_busy_port_stops_the_start_with_one_line_naming_the_setting()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;

        var exit = await ServiceProcess.RunToExitAsync(environment =>
        {
            environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            environment["ConnectionStrings__Postgres"] = database.ConnectionString;
        });

        Assert.Equal(1, exit.ExitCode);
        var line = Assert.Single(exit.ErrorLines);
        Assert.StartsWith("Start-up failed:", line, StringComparison.Ordinal);
        Assert.Contains($"port {port} on 127.0.0.1 is in use", line, StringComparison.Ordinal);
        Assert.Contains("set ASPNETCORE_URLS", line, StringComparison.Ordinal);
        // Nothing that reads like a service coming up, before or after the failure.
        Assert.Empty(exit.OutputLines);
    }

    [Fact]
    public async Task An_unreachable_database_stops_the_start_with_one_line_naming_the_setting()
    {
        var exit = await ServiceProcess.RunToExitAsync(environment =>
            environment["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Password=s3cret-pw;Database=sales;Timeout=2");

        Assert.Equal(1, exit.ExitCode);
        var line = Assert.Single(exit.ErrorLines);
        Assert.StartsWith("Start-up failed: the database sales on 127.0.0.1:1 cannot be used", line, StringComparison.Ordinal);
        Assert.Contains("check ConnectionStrings__Postgres", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", line, StringComparison.Ordinal);
        Assert.Empty(exit.OutputLines);
    }

    [Fact]
    public async Task A_missing_database_is_named_as_such()
    {
        var missing = database.ConnectionString.Replace(database.Name, database.Name + "_missing", StringComparison.Ordinal);

        var exit = await ServiceProcess.RunToExitAsync(environment => environment["ConnectionStrings__Postgres"] = missing);

        Assert.Equal(1, exit.ExitCode);
        var line = Assert.Single(exit.ErrorLines);
        Assert.Contains($"database \"{database.Name}_missing\" does not exist", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_database_starts_without_an_error_line()
    {
        using var service = ServiceProcess.Start(environment =>
            environment["ConnectionStrings__Postgres"] = database.ConnectionString);

        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await service.Output.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (line.Contains("Application started", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.Contains(lines, line => line.Contains("Application started", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Applying", StringComparison.Ordinal) && line.Contains("migration(s)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal)
            || line.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal));
    }
}
