using System.Diagnostics;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Metrics;

/// <summary>A scrape as Prometheus' own linter judges it: what a stock Prometheus and promtool users see.</summary>
public class PromtoolTests(IdleServiceFactory factory) : IClassFixture<IdleServiceFactory>
{
    [PromtoolFact]
    public async Task Promtool_finds_no_problem_with_our_metrics()
    {
        Assert.True(File.Exists(PromtoolFactAttribute.ExecutablePath),
            $"promtool is required in CI: {PromtoolFactAttribute.ExecutablePath} does not exist (deploy/test.sh installs the Debian package prometheus).");
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);
        var scrape = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        var report = await CheckMetricsAsync(scrape);

        // A parse error stops promtool at that line: it would mean the page as a whole is unreadable.
        Assert.DoesNotContain("error while linting", report, StringComparison.Ordinal);
        // Lint findings are one per line, starting with the metric name. Other libraries' metrics are theirs to fix.
        var ours = report.Split('\n').Where(l => l.Contains("qtickets_sync_", StringComparison.Ordinal)).ToList();
        Assert.True(ours.Count == 0, "promtool check metrics:\n" + string.Join('\n', ours));
        Assert.Contains("qtickets_sync_webhook_deliveries_total", scrape, StringComparison.Ordinal);
    }

    private static async Task<string> CheckMetricsAsync(string scrape)
    {
        using var promtool = Process.Start(new ProcessStartInfo(PromtoolFactAttribute.ExecutablePath, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = promtool.StandardOutput.ReadToEndAsync();
        var errors = promtool.StandardError.ReadToEndAsync();
        await promtool.StandardInput.WriteAsync(scrape);
        promtool.StandardInput.Close();
        await promtool.WaitForExitAsync();
        return await output + await errors;
    }
}
