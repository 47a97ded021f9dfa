using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Qtickets.Sync.Tests.ReadApi;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Auth;

/// <summary>What a refused caller is told, and the Bearer form of a key (for a stock Prometheus).</summary>
public sealed class AuthMessagesTests(ScopelessKeyFactory factory) : IClassFixture<ScopelessKeyFactory>
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private HttpClient Bearer(string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Theory]
    [InlineData("/api/v1/orders")]
    [InlineData("/api/v1/webhooks/deliveries")]
    [InlineData("/metrics")]
    public async Task A_missing_key_and_an_unknown_key_are_told_apart(string url)
    {
        using var anonymous = factory.CreateClient();
        using var unknown = factory.CreateClient("not-a-configured-key-0123456789");

        var missing = await ProblemAsync(await anonymous.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.Unauthorized);
        var wrong = await ProblemAsync(await unknown.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.Unauthorized);

        Assert.Equal("API key required", missing.GetProperty("title").GetString());
        Assert.Contains("X-Api-Key", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Unknown API key", wrong.GetProperty("title").GetString());
        Assert.DoesNotContain("not-a-configured-key", wrong.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SyncApiFactory.ReadKey, "/api/v1/webhooks/deliveries", "'admin'", "key 'key-1' has 'read'.")]
    [InlineData(SyncApiFactory.PiiKey, "/api/v1/orders/default/1/actions", "'actions'", "key 'key-2' has 'read', 'read:pii'.")]
    [InlineData(ScopelessKeyFactory.ScopelessKey, "/api/v1/orders", "'read'", "key 'key-3' has no scope.")]
    public async Task A_key_without_the_scope_is_told_which_scope_is_needed_and_what_it_has(string key, string url, string scope, string has)
    {
        using var client = factory.CreateClient(key);

        var problem = await ProblemAsync(await client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.Forbidden);

        Assert.Equal($"Needs the {scope} scope", problem.GetProperty("title").GetString());
        Assert.EndsWith(has, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_take_an_admin_key_as_a_bearer_token()
    {
        using var admin = Bearer(SyncApiFactory.AdminKey);
        using var reader = Bearer(SyncApiFactory.ReadKey);
        using var stranger = Bearer("not-a-configured-key-0123456789");

        using var scraped = await admin.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# TYPE ", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var refused = await ProblemAsync(await reader.GetAsync(new Uri("/metrics", UriKind.Relative)), HttpStatusCode.Forbidden);
        Assert.Equal("Needs the 'admin' scope", refused.GetProperty("title").GetString());
        var unknown = await ProblemAsync(await stranger.GetAsync(new Uri("/metrics", UriKind.Relative)), HttpStatusCode.Unauthorized);
        Assert.Equal("Unknown API key", unknown.GetProperty("title").GetString());
    }
}
