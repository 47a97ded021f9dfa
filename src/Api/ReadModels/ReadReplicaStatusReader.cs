using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Measures the read replica's lag: the primary's current WAL position, then how much of it the replica has
/// replayed and when the last replayed transaction committed. Null when no replica is configured.
/// </summary>
public sealed class ReadReplicaStatusReader(
    NpgsqlDataSource primary,
    [FromKeyedServices(ReadDataSource.Key)] NpgsqlDataSource replica,
    IOptions<PostgresOptions> options,
    TimeProvider time)
{
    public async Task<ReadReplicaStatusDto?> ReadAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.ReadOnlyConnectionString))
        {
            return null;
        }
        // The primary's position first: what the replica has replayed is then compared with a point it must reach.
        await using var position = primary.CreateCommand("SELECT pg_current_wal_lsn()::text");
        var primaryLsn = (string)(await position.ExecuteScalarAsync(cancellationToken))!;
        try
        {
            await using var command = replica.CreateCommand("""
                SELECT pg_is_in_recovery(),
                       pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::bigint,
                       pg_last_xact_replay_timestamp(),
                       CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() ELSE false END
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = primaryLsn });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!reader.GetBoolean(0))
            {
                return new ReadReplicaStatusDto { State = ReadReplicaStates.NotAReplica };
            }
            var behind = Math.Max(0, reader.GetInt64(1));
            var replayedCommit = OrderRows.Instant(reader, 2);
            return new ReadReplicaStatusDto
            {
                State = reader.GetBoolean(3) ? ReadReplicaStates.Paused : ReadReplicaStates.Streaming,
                LagBytes = behind,
                LagSeconds = behind == 0 ? 0 : AccountStatusReader.Seconds(time.GetUtcNow(), replayedCommit),
            };
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return new ReadReplicaStatusDto { State = ReadReplicaStates.Unreachable, Error = exception.Message };
        }
    }
}
