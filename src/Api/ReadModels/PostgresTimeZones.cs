using Npgsql;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// The time zone names the database knows (<c>pg_timezone_names</c>), read once. .NET and PostgreSQL ship
/// different tz data, so a zone .NET accepts may still be one the database cannot convert to: that must be a
/// 400 naming <c>tz</c>, not a 500 from deep inside the query.
/// </summary>
public sealed class PostgresTimeZones(NpgsqlDataSource dataSource)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile HashSet<string>? names;

    public async Task<bool> KnowsAsync(string zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return (names ?? await LoadAsync(cancellationToken)).Contains(zone);
    }

    private async Task<HashSet<string>> LoadAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (names is { } loaded)
            {
                return loaded;
            }
            var set = new HashSet<string>(StringComparer.Ordinal);
            await using var command = dataSource.CreateCommand("SELECT name FROM pg_timezone_names");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                set.Add(reader.GetString(0));
            }
            return names = set;
        }
        finally
        {
            gate.Release();
        }
    }
}
