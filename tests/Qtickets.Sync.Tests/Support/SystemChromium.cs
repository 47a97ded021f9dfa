using Microsoft.Playwright;

namespace Qtickets.Sync.Tests.Support;

/// <summary>
/// Debian's <c>chromium</c> driven by Playwright: Playwright's own browser download is not reachable, so the
/// system executable is launched (deploy/test.sh installs it), with everything that would reach out switched off.
/// </summary>
public static class SystemChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("QTICKETS_CHROMIUM") ?? ExecutablePath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        return (playwright, browser);
    }
}
