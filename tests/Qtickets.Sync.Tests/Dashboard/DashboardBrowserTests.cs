using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Sales;
using Qtickets.Sync.Infrastructure.Webhooks;
using Qtickets.Sync.Tests.Reconciliation;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Dashboard;

/// <summary>The service on a real socket (a browser needs one), fed by the emulator, on a clock the test moves.</summary>
public sealed class BrowserServiceFactory : EmulatorBackedFactory
{
    public const string User = "analyst";
    public const string Password = "dashboard-password-1";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public int Port { get; } = FreePort();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Dashboard:Username"] = User,
        ["Dashboard:Password"] = Password,
        ["Alerts:EvaluationInterval"] = "00:00:00",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.UseClock(Clock));
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public void Start()
    {
        UseKestrel(Port);
        StartServer();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private readonly BrowserServiceFactory service = new();
    private ReconcileEmulator emulator = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        await service.CreateDatabaseAsync();
        emulator = new ReconcileEmulator(
            ("Emulator:WebhookUrl", $"{service.BaseAddress}webhooks/qtickets"), ("Emulator:WebhookSecret", SyncApiFactory.WebhookSecret));
        service.Emulator = emulator.CreateHandler();
        service.Start();
        (playwright, browser) = await SystemChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await emulator.DisposeAsync();
        await ((IAsyncLifetime)service).DisposeAsync();
    }

    private async Task<IPage> OpenAsync(string locale)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = service.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
            HttpCredentials = new HttpCredentials { Username = BrowserServiceFactory.User, Password = BrowserServiceFactory.Password },
        });
        // Playwright's 30 s default is too short for a page served by a service that shares 2 cores with the rest
        // of the suite; a wrong page still fails, only later.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/dashboard");
        Assert.Equal(200, response!.Status);
        return page;
    }

    /// <summary>Emulator activity whose webhooks the service has received and applied.</summary>
    private async Task ActivityDeliveredAsync(int changes)
    {
        using var control = emulator.CreateClient();
        (await control.PostAsync(new Uri($"/emulator/activity/step?count={changes}", UriKind.Relative), null)).EnsureSuccessStatusCode();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // The emulator posts webhooks from its own background sender; its counters say when they have all landed.
        while (emulator.Stats is var s && (s.WebhooksPending > 0 || s.WebhooksDelivered < s.WebhooksEmitted))
        {
            await Task.Delay(50, timeout.Token);
        }
        await service.GetRequiredService<WebhookApplier>().ApplyPendingAsync(CancellationToken.None);
        await FoldDailySalesAsync();
    }

    /// <summary>Folds order changes into the daily sales table, as the background folder would.</summary>
    private Task<int> FoldDailySalesAsync() => service.GetRequiredService<DailySalesFolder>().FoldPendingAsync(CancellationToken.None);

    private async Task<JsonElement> DailyAsync(DateOnly from, DateOnly to)
    {
        using var api = service.CreateClient(SyncApiFactory.ReadKey);
        using var doc = JsonDocument.Parse(await api.GetStringAsync(new Uri($"/api/v1/sales/daily?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", UriKind.Relative)));
        return doc.RootElement.Clone();
    }

    private static decimal Value(string? text) => decimal.Parse(text!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_dashboard_shows_the_same_sales_as_the_api_and_turns_red_when_webhooks_stop()
    {
        var jobs = service.GetRequiredService<SyncJobs>();
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.CatalogAsync(null, null, CancellationToken.None));
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.IncrementalAsync(null, null, CancellationToken.None));
        await FoldDailySalesAsync();
        await ActivityDeliveredAsync(40);

        var page = await OpenAsync("en-US");
        Assert.Equal("true", await page.GetAttributeAsync("#verdict", "data-healthy"));
        Assert.Equal("In sync", (await page.InnerTextAsync("#verdict")).Trim());

        // Every bar of the chart is the API's net sales of that day; the tiles are the API's totals of today.
        var bars = await page.Locator("#sales-chart rect.bar").EvaluateAllAsync<string[][]>(
            "bars => bars.map(b => [b.dataset.day, b.dataset.net, b.dataset.tickets])");
        Assert.Equal(30, bars.Length);
        var from = DateOnly.Parse(bars[0][0], CultureInfo.InvariantCulture);
        var today = DateOnly.Parse(bars[^1][0], CultureInfo.InvariantCulture);
        var report = await DailyAsync(from, today);
        var apiByDay = report.GetProperty("rows").EnumerateArray()
            .GroupBy(r => r.GetProperty("day").GetString()!)
            .ToDictionary(g => g.Key, g => (Net: g.Sum(r => r.GetProperty("net").GetDecimal()), Tickets: g.Sum(r => r.GetProperty("ticketsSold").GetInt32())));
        Assert.True(apiByDay.Count > 5, "the emulator's sales should cover most of the 30 days");
        foreach (var bar in bars)
        {
            var expected = apiByDay.GetValueOrDefault(bar[0]);
            Assert.Equal(expected.Net, Value(bar[1]));
            Assert.Equal(expected.Tickets, int.Parse(bar[2], CultureInfo.InvariantCulture));
        }
        var todayTotals = (await DailyAsync(today, today)).GetProperty("totals");
        Assert.Equal(todayTotals.GetProperty("ticketsSold").GetInt32(), int.Parse((await page.GetAttributeAsync("#today-tickets", "data-value"))!, CultureInfo.InvariantCulture));
        Assert.Equal(todayTotals.GetProperty("gross").GetDecimal(), Value(await page.GetAttributeAsync("#today-revenue", "data-value")));
        Assert.True(await page.Locator("#top-events tr[data-event]").CountAsync() > 0);

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "dashboard.png"), FullPage = true });

        // On a phone the page is one column and nothing runs off the side.
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "dashboard-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1200, 900);

        // Clicking an event narrows the chart to it.
        var firstEvent = page.Locator("#top-events tr[data-event]").First;
        var eventId = await firstEvent.GetAttributeAsync("data-event");
        await firstEvent.Locator("a").ClickAsync();
        await page.WaitForURLAsync($"**/dashboard?event={eventId}");
        var eventNet = (await page.Locator("#sales-chart rect.bar").EvaluateAllAsync<string[]>("bars => bars.map(b => b.dataset.net)")).Sum(Value);
        var eventReport = await DailyAsync(from, today);
        Assert.Equal(eventReport.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("eventId").GetInt64().ToString(CultureInfo.InvariantCulture) == eventId)
            .Sum(r => r.GetProperty("net").GetDecimal()), eventNet);

        // The emulator's webhooks stop: orders still change there, nothing arrives here, and time passes.
        emulator.Faults.Settings = emulator.Faults.Settings with { WebhookDropPercent = 100 };
        using (var control = emulator.CreateClient())
        {
            (await control.PostAsync(new Uri("/emulator/activity/step?count=5", UriKind.Relative), null)).EnsureSuccessStatusCode();
        }
        service.Clock.Advance(TimeSpan.FromMinutes(6));

        var stopped = await OpenAsync("ru-RU");
        Assert.Equal("false", await stopped.GetAttributeAsync("#verdict", "data-healthy"));
        Assert.Equal("Требует внимания", (await stopped.InnerTextAsync("#verdict")).Trim());
        Assert.Contains("Last webhook applied", await stopped.InnerTextAsync("ul.reasons"));
        await stopped.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "dashboard-webhooks-stopped.png"), FullPage = true });
    }
}
