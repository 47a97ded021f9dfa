using Npgsql;

namespace Qtickets.Sync.Bench;

/// <summary>
/// The ingest baseline: a bare ASP.NET Core app that makes each webhook durable with ONE INSERT per request
/// (default synchronous_commit, same server as the service) and answers 200 once it committed.
/// </summary>
public static class NaiveInbox
{
    public static async Task RunAsync(string[] args, string connectionString)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        await using (var create = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS baseline_inbox (
                id bigserial PRIMARY KEY, received_at timestamptz NOT NULL, event_type text,
                signature text, body text NOT NULL)
            """))
        {
            await create.ExecuteNonQueryAsync();
        }
        var app = builder.Build();
        app.MapPost("/webhooks/qtickets", async (HttpRequest request, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(ct);
            await using var insert = dataSource.CreateCommand(
                "INSERT INTO baseline_inbox (received_at, event_type, signature, body) VALUES (now(), $1, $2, $3)");
            insert.Parameters.AddWithValue(request.Headers["X-Event-Type"].ToString());
            insert.Parameters.AddWithValue(request.Headers["X-Signature"].ToString());
            insert.Parameters.AddWithValue(body);
            await insert.ExecuteNonQueryAsync(ct);
            return Results.Ok();
        });
        await app.RunAsync();
    }
}
