using Npgsql;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// Reads and writes <c>sync_state</c> rows, each an account's. Writes take the page's transaction, so a watermark or checkpoint
/// never names data that did not commit.
/// </summary>
public sealed class SyncStateStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<(DateTimeOffset? Watermark, int? Page)> ReadAsync(int accountId, string key, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT watermark, page FROM sync_state WHERE account_id = @account AND key = @key");
        command.Parameters.AddWithValue("account", accountId);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return (null, null);
        }
        return (reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetInt32(1));
    }

    /// <summary>Moves a watermark forward only: a page of older orders (the overlap) never pulls it back.</summary>
    public async Task AdvanceWatermarkAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int accountId, string key, DateTimeOffset watermark, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO sync_state (account_id, key, watermark, updated_at) VALUES (@account, @key, @watermark, @now)
            ON CONFLICT (account_id, key) DO UPDATE SET
                watermark = GREATEST(sync_state.watermark, excluded.watermark), updated_at = excluded.updated_at
            """, connection, transaction);
        command.Parameters.AddWithValue("account", accountId);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("watermark", watermark.ToUniversalTime());
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records the last committed page of a walk and the instant it walks from.</summary>
    public async Task WriteCheckpointAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int accountId, string key, int page, DateTimeOffset since, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO sync_state (account_id, key, watermark, page, checkpoint, updated_at)
            VALUES (@account, @key, @since, @page, jsonb_build_object('page', @page, 'since', @since), @now)
            ON CONFLICT (account_id, key) DO UPDATE SET
                watermark = excluded.watermark, page = excluded.page, checkpoint = excluded.checkpoint,
                updated_at = excluded.updated_at
            """, connection, transaction);
        command.Parameters.AddWithValue("account", accountId);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("page", page);
        command.Parameters.AddWithValue("since", since.ToUniversalTime());
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(ct);
    }
}
