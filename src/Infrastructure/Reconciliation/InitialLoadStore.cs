using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Sync;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// Where an account's first sync stands, kept in its <c>sync_state</c> row <see cref="SyncStateKeys.InitialLoad"/>.
/// A page's checkpoint is written in the page's own transaction, so a load stopped anywhere resumes after the last
/// page that committed.
/// </summary>
public sealed class InitialLoadStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>
    /// Runs <paramref name="load"/> on when the account's first sync is pending (<see cref="PendingAsync"/>), as a run
    /// that loads history; false when the account is past it and the incremental run is to walk instead.
    /// </summary>
    public async Task<bool> RunPendingAsync(SyncRunContext run, DateTimeOffset now, IInitialLoad load)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(load);
        if (await PendingAsync(run.AccountId, now, run.Stopping) is not { } pending)
        {
            return false;
        }
        await load.RunAsync(run.LoadingHistory(), pending);
        return true;
    }

    /// <summary>
    /// The account's load to start or resume, or null when the account is past it: loaded already, or synced
    /// before first syncs existed (a watermark, or an incremental run that succeeded), which must not load again,
    /// or loaded the way an operator chose (a backfill or full sweep that succeeded).
    /// </summary>
    private async Task<InitialLoadCheckpoint?> PendingAsync(int accountId, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT checkpoint FROM sync_state WHERE account_id = $1 AND key = $2),
                   EXISTS (SELECT 1 FROM sync_state WHERE account_id = $1 AND key = $3 AND watermark IS NOT NULL)
                   OR EXISTS (SELECT 1 FROM sync_runs WHERE account_id = $1 AND kind = ANY($4) AND status = $5)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = accountId, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = SyncStateKeys.InitialLoad, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = SyncStateKeys.OrdersWatermark, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = new[] { SyncRunKinds.Incremental, SyncRunKinds.FullSweep, SyncRunKinds.Backfill },
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = SyncRunStatuses.Succeeded, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (!reader.IsDBNull(0))
        {
            var stored = Parse(reader.GetString(0));
            return stored.Done ? null : stored;
        }
        return reader.GetBoolean(1) ? null : InitialLoadCheckpoint.Start(now);
    }

    /// <summary>Records progress in the transaction that committed the page (or, once done, the last state).</summary>
    public async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int accountId, InitialLoadCheckpoint checkpoint)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO sync_state (account_id, key, page, checkpoint, updated_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (account_id, key) DO UPDATE SET
                page = excluded.page, checkpoint = excluded.checkpoint, updated_at = excluded.updated_at
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = accountId, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = SyncStateKeys.InitialLoad, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.PagesDone, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = Serialize(checkpoint), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Reads a stored checkpoint (also for the status API, which reads the row with its own query).</summary>
    public static InitialLoadCheckpoint Parse(string json) =>
        JsonSerializer.Deserialize(json, ReconcileJsonContext.Default.InitialLoadCheckpoint)
        ?? throw new InvalidOperationException("The initial load checkpoint is empty.");

    private static string Serialize(InitialLoadCheckpoint checkpoint) =>
        JsonSerializer.Serialize(checkpoint, ReconcileJsonContext.Default.InitialLoadCheckpoint);
}
