using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Dashboard;

/// <summary>The service on a real socket with the dashboard login set, as the demo runs it.</summary>
public sealed class LoginServiceFactory : SyncApiFactory
{
    public const string User = "demo";
    public const string Password = "demo-password-123";

    public int Port { get; } = LoopbackPort.Free();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Dashboard:Username"] = User,
        ["Dashboard:Password"] = Password,
    };

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public void Start()
    {
        UseKestrel(Port);
        StartServer();
    }

}

/// <summary>The pages a person opens (<c>/</c>, <c>/dashboard</c>, <c>/swagger</c>) take the dashboard login in a real browser.</summary>
public sealed class BrowserLoginTests : IAsyncLifetime
{
    private readonly LoginServiceFactory service = new();
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        await service.CreateDatabaseAsync();
        service.Start();
        (playwright, browser) = await SystemChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await ((IAsyncLifetime)service).DisposeAsync();
    }

    private async Task<IBrowserContext> ContextAsync(HttpCredentials? login)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = service.BaseAddress.ToString(),
            HttpCredentials = login,
        });
        // The suite shares 2 cores: a slow page is still a page; a wrong one fails, only later.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return context;
    }

    private HttpClient Client(AuthenticationHeaderValue? authorization = null, string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = service.BaseAddress };
        client.DefaultRequestHeaders.Authorization = authorization;
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }
        return client;
    }

    private static AuthenticationHeaderValue Basic(string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LoginServiceFactory.User}:{password}")));

    [Fact]
    public async Task The_dashboard_login_opens_the_dashboard_from_the_root_and_swagger_whose_authorize_takes_the_api_key()
    {
        await using var context = await ContextAsync(new HttpCredentials { Username = LoginServiceFactory.User, Password = LoginServiceFactory.Password });
        var page = await context.NewPageAsync();

        var root = await page.GotoAsync("/");
        Assert.Equal(200, root!.Status);
        Assert.EndsWith("/dashboard", page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#verdict").CountAsync());

        var swagger = await page.GotoAsync("/swagger/index.html");
        Assert.Equal(200, swagger!.Status);
        // The operations are listed only once the UI has fetched the OpenAPI document, with the same login.
        await page.Locator(".opblock-summary-path[data-path='/api/v1/orders']").First.WaitForAsync();
        await page.Locator("button.authorize").First.ClickAsync();
        var dialog = page.Locator(".auth-container");
        await dialog.First.WaitForAsync();
        Assert.Contains("X-Api-Key", await dialog.First.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/swagger/index.html")]
    [InlineData("/hangfire")]
    public async Task Without_the_login_a_browser_is_asked_for_it_in_one_realm(string path)
    {
        // Headless chromium has no login dialog to show (it fails the navigation), so the challenge is read as sent.
        using var anonymous = Client();

        using var refused = await anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Basic realm=\"Qtickets.Sync\", charset=\"UTF-8\"", refused.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("/swagger/v1/swagger.json")]
    [InlineData("/dashboard")]
    public async Task A_wrong_password_is_told_so_and_a_read_key_still_opens_the_page(string path)
    {
        using var wrong = Client(Basic("not-the-password-1"));
        using var key = Client(apiKey: SyncApiFactory.ReadKey);

        using var refused = await wrong.GetAsync(new Uri(path, UriKind.Relative));
        using var opened = await key.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("\"Wrong login\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
    }
}
