using System.Net;
using System.Text.Json;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Foundation;

public class HostTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    [Fact]
    public async Task Ready_is_healthy_once_the_database_is_migrated()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Overall status is Degraded on a fresh database: no incremental reconcile has run yet (ReadApi tests cover it).
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Live_answers_without_touching_the_database()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Swagger_serves_the_openapi_document()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));

        Assert.Equal("Qtickets.Sync", document.RootElement.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Metrics_are_exposed_for_prometheus()
    {
        using var client = factory.CreateClient(SyncApiFactory.AdminKey);

        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("http_request", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task Metrics_and_swagger_are_not_public_by_default(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

/// <summary>The service with <c>Surface:Public=true</c>.</summary>
public sealed class PublicSurfaceFactory : SyncApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Surface:Public"] = "true",
    };
}

public class PublicSurfaceTests(PublicSurfaceFactory factory) : IClassFixture<PublicSurfaceFactory>
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task With_a_public_surface_metrics_and_swagger_need_no_key(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
