using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

public sealed class DashboardFactory : SyncApiFactory
{
    public const string Username = "operator";
    public const string Password = "correct-horse-battery";

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Dashboard:Username"] = Username;
            settings["Dashboard:Password"] = Password;
            return settings;
        }
    }
}

public sealed class DashboardAndRunsApiTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static readonly Uri Recurring = new("/hangfire/recurring", UriKind.Relative);

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    [Fact]
    public async Task An_anonymous_dashboard_request_is_challenged_for_basic_credentials()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(Recurring);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Wrong_basic_credentials_or_an_unknown_key_are_refused()
    {
        using var wrongPassword = factory.CreateClient();
        wrongPassword.DefaultRequestHeaders.Authorization = Basic(DashboardFactory.Username, "not-the-password");
        using var unknownKey = factory.CreateClient("unknown-key-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongPassword.GetAsync(Recurring)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknownKey.GetAsync(Recurring)).StatusCode);
    }

    [Fact]
    public async Task An_admin_key_or_the_basic_credentials_get_the_full_dashboard()
    {
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);
        using var basic = factory.CreateClient();
        basic.DefaultRequestHeaders.Authorization = Basic(DashboardFactory.Username, DashboardFactory.Password);

        foreach (var client in new[] { admin, basic })
        {
            var response = await client.GetAsync(Recurring);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("reconcile-incremental", html);
            Assert.Contains("Trigger now", html);
            Assert.DoesNotContain("Host=", html);
        }
    }

    [Fact]
    public async Task A_cross_site_post_with_the_basic_credentials_is_refused_without_an_antiforgery_token()
    {
        using var basic = factory.CreateClient();
        basic.DefaultRequestHeaders.Authorization = Basic(DashboardFactory.Username, DashboardFactory.Password);
        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", "reconcile-incremental")]);

        // What a page on another site can make a browser send, cached Basic credentials included.
        using var response = await basic.PostAsync(new Uri("/hangfire/recurring/trigger", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_read_key_gets_a_read_only_dashboard()
    {
        using var reader = factory.CreateClient(SyncApiFactory.ReadKey);

        var response = await reader.GetAsync(Recurring);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("reconcile-incremental", html);
        Assert.DoesNotContain("Trigger now", html);
    }

    [Fact]
    public async Task A_queued_reconcile_can_be_polled_by_its_run_id()
    {
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);
        using var reader = factory.CreateClient(SyncApiFactory.ReadKey);

        var response = await admin.PostAsJsonAsync("/api/v1/sync/reconcile", new { kind = "full_sweep" });
        using var queued = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var runId = queued.RootElement.GetProperty("runId").GetInt64();
        var run = await reader.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        var listed = await reader.GetFromJsonAsync<JsonElement>("/api/v1/sync/runs?kind=full_sweep&status=queued");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(queued.RootElement.GetProperty("hangfireJobId").GetString()));
        Assert.Equal(runId, run.GetProperty("id").GetInt64());
        Assert.Equal((SyncRunKinds.FullSweep, SyncRunStatuses.Queued, SyncRunTriggers.Api),
            (run.GetProperty("kind").GetString(), run.GetProperty("status").GetString(), run.GetProperty("trigger").GetString()));
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("id").GetInt64() == runId);
    }

    [Fact]
    public async Task A_backfill_is_queued_from_its_date()
    {
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);

        var response = await admin.PostAsync("/api/v1/sync/backfill",
            new StringContent("""{"from":"2024-01-01T00:00:00+03:00"}""", Encoding.UTF8, "application/json"));
        var run = await admin.GetFromJsonAsync<JsonElement>(response.Headers.Location);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(SyncRunKinds.Backfill, run.GetProperty("kind").GetString());
        Assert.Equal(new DateTimeOffset(2023, 12, 31, 21, 0, 0, TimeSpan.Zero), run.GetProperty("since").GetDateTimeOffset());
    }

    [Fact]
    public async Task Bad_trigger_requests_get_problem_details_and_read_keys_cannot_trigger()
    {
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);
        using var reader = factory.CreateClient(SyncApiFactory.ReadKey);

        var unknownKind = await admin.PostAsJsonAsync("/api/v1/sync/reconcile", new { kind = "everything" });
        var noDate = await admin.PostAsJsonAsync("/api/v1/sync/backfill", new { });
        var asReader = await reader.PostAsJsonAsync("/api/v1/sync/reconcile", new { kind = "incremental" });
        var missing = await reader.GetAsync(new Uri("/api/v1/sync/runs/987654321", UriKind.Relative));
        var badLimit = await reader.GetAsync(new Uri("/api/v1/sync/runs?limit=0", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Equal("application/problem+json", unknownKind.Content.Headers.ContentType?.MediaType);
        Assert.Contains("full_sweep", await unknownKind.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }
}
