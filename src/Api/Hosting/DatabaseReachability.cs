using System.Net.Sockets;
using Npgsql;

namespace Qtickets.Sync.Api.Hosting;

/// <summary>
/// Opens one connection before migrating, so an unreachable server, a wrong password or a missing database is
/// reported as one line naming ConnectionStrings__Postgres, not as EF's and the host's stack traces.
/// </summary>
public static class DatabaseReachability
{
    public static async Task EnsureDatabaseReachableAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            // The data source's connection string leaves the password out.
            var target = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            throw new StartupFailureException(
                $"the database {target.Database} on {target.Host}:{target.Port} cannot be used ({Reason(ex)}): check ConnectionStrings__Postgres", ex);
        }
    }

    private static string Reason(NpgsqlException ex) => ex switch
    {
        PostgresException postgres => postgres.MessageText,
        { InnerException: SocketException socket } => socket.Message,
        { InnerException: TimeoutException } => "no answer within the connection timeout",
        _ => ex.Message,
    };
}
