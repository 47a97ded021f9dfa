using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Dashboard;

public sealed class DashboardPageFactory : SyncApiFactory
{
    public const string User = "oncall";
    public const string Password = "dashboard-password-2";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Dashboard:Username"] = User,
        ["Dashboard:Password"] = Password,
    };
}

public sealed class DashboardAccessTests(DashboardPageFactory factory) : IClassFixture<DashboardPageFactory>
{
    private HttpClient BasicClient(string password)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DashboardPageFactory.User}:{password}")));
        return client;
    }

    [Fact]
    public async Task Without_credentials_the_browser_is_asked_for_them()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Wrong_basic_credentials_are_refused()
    {
        using var client = BasicClient("wrong-password-123");
        using var response = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_read_key_opens_the_page_in_the_language_asked_for()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard", UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd("ru-RU,ru;q=0.9,en;q=0.8");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Состояние синхронизации", html);
        Assert.Contains("data-account=\"default\"", html);

        Assert.Contains("Sync health", await client.GetStringAsync(new Uri("/dashboard", UriKind.Relative)));
    }

    [Fact]
    public async Task Basic_credentials_open_the_page()
    {
        using var client = BasicClient(DashboardPageFactory.Password);
        using var response = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_apply_lag_tile_shows_the_p99_of_the_deliveries_applied_in_the_last_five_minutes()
    {
        // One delivery applied 250 ms after its receipt a minute ago; one applied after 90 s, ten minutes ago (out of the window).
        await TestSql.ExecuteAsync(factory.ConnectionString, """
            INSERT INTO webhook_deliveries (received_at, processed_at, event_type, signature_status, headers, body, body_sha256,
                                            status, duplicate_count, attempts, account_id)
            VALUES (now() - interval '1 minute', now() - interval '1 minute' + interval '250 milliseconds', 'updated', 'valid', '{}', '{}',
                    'apply-lag-tile-1', 'applied', 0, 1, 1),
                   (now() - interval '10 minutes', now() - interval '10 minutes' + interval '90 seconds', 'updated', 'valid', '{}', '{}',
                    'apply-lag-tile-2', 'applied', 0, 1, 1)
            """);
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var html = await client.GetStringAsync(new Uri("/dashboard", UriKind.Relative));

        Assert.Contains("<b id=\"apply-lag-p99\" data-value=\"0.250\" data-deliveries=\"1\">250 ms</b>", html);
        Assert.Contains("Webhook apply lag, p99 of the last 5 minutes · 1 deliveries applied", html);
    }

    [Fact]
    public async Task The_server_behaviour_the_last_run_judged_is_shown()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        Assert.Contains("<dd id=\"behaviour\">not detected yet</dd>", await client.GetStringAsync(new Uri("/dashboard", UriKind.Relative)));

        await using (var db = factory.CreateDbContext())
        {
            db.SyncRuns.Add(new SyncRun
            {
                Kind = SyncRunKinds.Incremental,
                Status = SyncRunStatuses.Succeeded,
                StartedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
                FinishedAt = DateTimeOffset.UtcNow,
                ServerPaidFilter = "ignored",
                ServerUpdatedFilter = "ignored",
                ServerOrder = "honoured",
                ServerPageSize = 50,
            });
            await db.SaveChangesAsync();
        }

        var html = await client.GetStringAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Contains("<dd id=\"behaviour\">paid filter: ignored · updated_at filter: ignored · order: honoured · 50 a page</dd>", html);
    }
}
