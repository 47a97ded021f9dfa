using Testcontainers.PostgreSql;

namespace Qtickets.Sync.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests run against: the one named by <c>QTICKETS_TEST_POSTGRES</c> (the test
/// script points it at the local cluster), otherwise one container started by Testcontainers for the whole run.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "QTICKETS_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> AdminConnectionString = new(StartAsync);

    public static Task<string> GetAdminConnectionStringAsync() => AdminConnectionString.Value;

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
        await container.StartAsync();
        // The container lives as long as the test process; Testcontainers' reaper removes it afterwards.
        return container.GetConnectionString();
    }
}
