using System.Net;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.ReadApi;

/// <summary>The host as production runs it: no developer exception page.</summary>
public sealed class ProductionFactory : SyncApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

public class ProductionErrorTests(ProductionFactory factory) : IClassFixture<ProductionFactory>
{
    [Fact]
    public async Task A_failure_is_a_500_problem_without_a_stack_trace_and_readiness_turns_unhealthy()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        await ExecuteAsync("ALTER VIEW mirror.orders RENAME TO orders_away; ALTER TABLE sync_runs RENAME TO sync_runs_away");
        try
        {
            var response = await client.GetAsync(new Uri("/api/v1/orders/1", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("mirror.orders", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("\"reconcile\":{\"status\":\"Unhealthy\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync("ALTER VIEW mirror.orders_away RENAME TO orders; ALTER TABLE sync_runs_away RENAME TO sync_runs");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
