using System.Diagnostics;

namespace Qtickets.Sync.Tests.Support;

/// <summary>
/// The real service started as a process, the way an operator starts it: what it prints and its exit code are
/// what the tests look at. The environment starts valid (a database nobody listens on, a token, a key, a webhook
/// secret, a free port); a test changes what it is about.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process process;

    private ServiceProcess(Process process) => this.process = process;

    public StreamReader Output => process.StandardOutput;

    public static ServiceProcess Start(Action<IDictionary<string, string?>> configure)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        // A server nobody listens on: a test about a setting fails on it, not on the database.
        start.Environment["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Timeout=1";
        start.Environment["Qtickets__Token"] = "test-token";
        // Nobody listens here either: a job started by accident cannot reach the real QTickets.
        start.Environment["Qtickets__BaseUrl"] = "http://127.0.0.1:1/api/rest/v1/";
        start.Environment["Auth__ApiKeys__0__Key"] = SyncApiFactory.AdminKey;
        start.Environment["Auth__ApiKeys__0__Scopes"] = "admin";
        start.Environment["Qtickets__WebhookSecrets__0"] = SyncApiFactory.WebhookSecret;
        configure(start.Environment);
        return new ServiceProcess(Process.Start(start)!);
    }

    /// <summary>Runs a start that is expected to fail, to its exit.</summary>
    public static async Task<ServiceExit> RunToExitAsync(Action<IDictionary<string, string?>> configure)
    {
        using var service = Start(configure);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = service.process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = service.process.StandardError.ReadToEndAsync(timeout.Token);
        await service.process.WaitForExitAsync(timeout.Token);
        return new ServiceExit(service.process.ExitCode, Lines(await stdout), Lines(await stderr));
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

public sealed record ServiceExit(int ExitCode, IReadOnlyList<string> OutputLines, IReadOnlyList<string> ErrorLines);
