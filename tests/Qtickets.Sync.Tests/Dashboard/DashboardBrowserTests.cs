using System.Globalization;
using System.Net;
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
using Qtickets.Sync.Tests.Ticketscloud;

namespace Qtickets.Sync.Tests.Dashboard;

/// <summary>
/// The service on a real socket (a browser needs one), fed by the QTickets emulator (account <c>default</c>) and the
/// Ticketscloud one (<see cref="TicketscloudFactory.AccountName"/>), on a clock the test moves.
/// </summary>
public sealed class BrowserServiceFactory : EmulatorBackedFactory
{
    public const string User = "analyst";
    public const string Password = "dashboard-password-1";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public int Port { get; } = LoopbackPort.Free();

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>(base.Settings)
            {
                ["Dashboard:Username"] = User,
                ["Dashboard:Password"] = Password,
                ["Alerts:EvaluationInterval"] = "00:00:00",
                // Nothing triggers the recurring runs here; the test runs them, so a schedule missed is no reason.
                ["Health:MaxStartDelay"] = "1.00:00:00",
            };
            TicketscloudFactory.AddAccount(settings);
            return settings;
        }
    }

    public TicketscloudEmulatorHost Ticketscloud { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.UseClock(Clock));
        TicketscloudFactory.RouteTo(builder, () => Ticketscloud);
    }

    public override async ValueTask DisposeAsync()
    {
        await Ticketscloud.DisposeAsync();
        await base.DisposeAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public void Start()
    {
        UseKestrel(Port);
        StartServer();
    }

}

public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private const string Tc = TicketscloudFactory.AccountName;
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

    private async Task<IPage> OpenAsync(string locale, string path = "/dashboard", int width = 1400)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = service.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            HttpCredentials = new HttpCredentials { Username = BrowserServiceFactory.User, Password = BrowserServiceFactory.Password },
        });
        // Playwright's 30 s default is too short for a page served by a service that shares 2 cores with the rest
        // of the suite; a wrong page still fails, only later.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
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

    /// <summary>GET /api/v1/sales/daily for one platform and the given filters.</summary>
    private async Task<JsonElement> DailyAsync(string platform, DateOnly from, DateOnly to, string? account = null, string? eventId = null)
    {
        using var api = service.CreateClient(SyncApiFactory.ReadKey);
        var url = $"/api/v1/sales/daily?platform={platform}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"
            + (account is null ? "" : $"&account={Uri.EscapeDataString(account)}") + (eventId is null ? "" : $"&event_id={eventId}");
        using var doc = JsonDocument.Parse(await api.GetStringAsync(new Uri(url, UriKind.Relative)));
        return doc.RootElement.Clone();
    }

    /// <summary>The API's net and tickets per day, both platforms added up, for the same filter as the page.</summary>
    private async Task<Dictionary<string, (decimal Net, int Tickets)>> ApiByDayAsync(IEnumerable<string> platforms, DateOnly from, DateOnly to, string? account = null, string? eventId = null)
    {
        var rows = new List<JsonElement>();
        foreach (var platform in platforms)
        {
            rows.AddRange((await DailyAsync(platform, from, to, account, eventId)).GetProperty("rows").EnumerateArray());
        }
        return rows.GroupBy(r => r.GetProperty("day").GetString()!)
            .ToDictionary(g => g.Key, g => (g.Sum(r => r.GetProperty("net").GetDecimal()), g.Sum(r => r.GetProperty("ticketsSold").GetInt32())));
    }

    private static decimal Value(string? text) => decimal.Parse(text!, CultureInfo.InvariantCulture);

    private static Task<string[][]> DaysAsync(IPage page) =>
        page.Locator("#sales-chart g.day").EvaluateAllAsync<string[][]>("days => days.map(d => [d.dataset.day, d.dataset.net, d.dataset.tickets])");

    /// <summary>Every day of the chart and the three tiles equal the API's figures for the same platforms and filter, to the kopeck.</summary>
    private async Task AssertPageEqualsApiAsync(IPage page, string[] platforms, string? account = null, string? eventId = null)
    {
        var days = await DaysAsync(page);
        Assert.Equal(30, days.Length);
        var from = DateOnly.Parse(days[0][0], CultureInfo.InvariantCulture);
        var today = DateOnly.Parse(days[^1][0], CultureInfo.InvariantCulture);
        var api = await ApiByDayAsync(platforms, from, today, account, eventId);
        foreach (var day in days)
        {
            var expected = api.GetValueOrDefault(day[0]);
            Assert.Equal(expected.Net, Value(day[1]));
            Assert.Equal(expected.Tickets, int.Parse(day[2], CultureInfo.InvariantCulture));
        }
        decimal tickets = 0, gross = 0, refunds = 0;
        foreach (var platform in platforms)
        {
            var totals = (await DailyAsync(platform, today, today, account, eventId)).GetProperty("totals");
            tickets += totals.GetProperty("ticketsSold").GetInt32();
            gross += totals.GetProperty("gross").GetDecimal();
            refunds += totals.GetProperty("refunds").GetDecimal();
            if (platforms.Length > 1)
            {
                Assert.Equal(totals.GetProperty("gross").GetDecimal(), Value(await page.GetAttributeAsync($"#today-revenue + span + ul li[data-platform={platform}]", "data-value")));
            }
        }
        Assert.Equal(tickets, Value(await page.GetAttributeAsync("#today-tickets", "data-value")));
        Assert.Equal(gross, Value(await page.GetAttributeAsync("#today-revenue", "data-value")));
        Assert.Equal(gross - refunds, Value(await page.GetAttributeAsync("#today-net", "data-value")));
    }

    private static async Task<decimal> ChartNetAsync(IPage page, string platform) =>
        (await page.Locator($"#sales-chart rect.bar.{platform}").EvaluateAllAsync<string[]>("bars => bars.map(b => b.dataset.net)")).Sum(Value);

    [Fact]
    public async Task The_dashboard_shows_both_platforms_as_the_api_does_for_every_filter_and_the_stale_account_in_red()
    {
        var jobs = service.GetRequiredService<ReconcileJobs>();
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Catalog, null, null, CancellationToken.None));
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));
        var tcJobs = service.GetRequiredService<ReconcileJobs>();
        Assert.Equal(SyncRunStatuses.Succeeded, await tcJobs.RunAsync(Tc, SyncRunKinds.Incremental, null, null, CancellationToken.None));
        await FoldDailySalesAsync();
        await ActivityDeliveredAsync(40);

        var page = await OpenAsync("en-US");
        Assert.Equal("true", await page.GetAttributeAsync("#verdict", "data-healthy"));
        Assert.Equal("2", await page.GetAttributeAsync("#health-summary", "data-accounts"));
        Assert.Equal("0", await page.GetAttributeAsync("#health-summary", "data-attention"));

        // Both platforms sold, each its own colour in the chart; every day and tile is both platforms' API figures added up.
        Assert.True(await ChartNetAsync(page, "qtickets") > 0, "the chart should show QTickets sales");
        Assert.True(await ChartNetAsync(page, "ticketscloud") > 0, "the chart should show Ticketscloud sales");
        await AssertPageEqualsApiAsync(page, ["qtickets", "ticketscloud"]);
        var topPlatforms = await page.Locator("#top-events tr[data-event]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.platform)");
        Assert.Contains("qtickets", topPlatforms);
        Assert.Contains("ticketscloud", topPlatforms);
        // Top events are named (the catalog and the first Ticketscloud run fetched the names), not "#id".
        Assert.DoesNotContain(await page.Locator("#top-events tr[data-event] td:first-child").AllInnerTextsAsync(), name => name.StartsWith('#'));
        var runAccounts = await page.Locator("#runs tr[data-account]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.account)");
        Assert.Contains("default", runAccounts);
        Assert.Contains(Tc, runAccounts);

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "dashboard.png"), FullPage = true });

        // On a phone the page is one column and nothing runs off the side.
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "dashboard-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1400, 900);

        // The account filter narrows every figure, and the runs, to that account.
        await page.SelectOptionAsync("#filters select[name=account]", Tc);
        await page.ClickAsync("#filters button[type=submit]");
        await page.WaitForURLAsync($"**/dashboard?account={Tc}*");
        await AssertPageEqualsApiAsync(page, ["ticketscloud"], Tc);
        Assert.Equal(0m, await ChartNetAsync(page, "qtickets"));
        Assert.All(await page.Locator("#runs tr[data-account]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.account)"), a => Assert.Equal(Tc, a));

        // Clicking a Ticketscloud event narrows chart and tiles to it.
        var tcEvent = page.Locator("#top-events tr[data-platform=ticketscloud]").First;
        var eventId = await tcEvent.GetAttributeAsync("data-event");
        await tcEvent.Locator("a").ClickAsync();
        await page.WaitForURLAsync($"**/dashboard?account={Tc}&platform=ticketscloud&event={eventId}");
        await AssertPageEqualsApiAsync(page, ["ticketscloud"], Tc, eventId);
        Assert.Equal(1, await page.Locator("#top-events tr[data-event]").CountAsync());

        // A QTickets event by the old link (?event=34 meant QTickets) narrows every figure, tiles included.
        var all = await OpenAsync("en-US");
        var qtEvent = await all.Locator("#top-events tr[data-platform=qtickets]").First.GetAttributeAsync("data-event");
        var filtered = await OpenAsync("en-US", $"/dashboard?event={qtEvent}");
        await AssertPageEqualsApiAsync(filtered, ["qtickets"], eventId: qtEvent);

        // A filter naming nothing is an error that says so, not an empty page.
        using (var api = service.CreateClient(SyncApiFactory.ReadKey))
        {
            var unknown = await api.GetAsync(new Uri("/dashboard?account=nobody", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Contains("nobody", await unknown.Content.ReadAsStringAsync());
        }

        // Time passes; only QTickets reconciles again: the Ticketscloud account is stale, in red, on top.
        service.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));
        var stale = await OpenAsync("ru-RU");
        Assert.Equal("false", await stale.GetAttributeAsync("#verdict", "data-healthy"));
        Assert.Equal("Требует внимания", (await stale.InnerTextAsync("#verdict")).Trim());
        Assert.Equal("1", await stale.GetAttributeAsync("#health-summary", "data-attention"));
        // No webhook arrived in those 31 minutes either: a deployment-wide alert, above the accounts.
        Assert.Contains("Last webhook applied", await stale.InnerTextAsync("#deployment-reasons"));
        var card = stale.Locator($"#attention article.account[data-account={Tc}]");
        Assert.Contains("The last successful incremental reconcile finished", await card.InnerTextAsync());
        Assert.Equal("rgb(198, 40, 40)", await card.Locator("h3").EvaluateAsync<string>("h => getComputedStyle(h).color"));
        Assert.Equal("true", await stale.GetAttributeAsync("#accounts tr.account[data-account=default]", "data-healthy"));
        await stale.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "dashboard-stale.png"), FullPage = true });
    }
}
