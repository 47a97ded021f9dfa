using Npgsql;

namespace Qtickets.Sync.Tests.Support;

/// <summary>
/// Sequential scans and rows read per table by this session: counts not yet reported to the statistics
/// collector, so only a difference taken within one transaction is this transaction's own.
/// </summary>
public static class TableReads
{
    public static async Task<Dictionary<string, (long Scans, long Rows)>> OfAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, params string[] tables)
    {
        await using var command = new NpgsqlCommand("""
            SELECT relname, seq_scan, seq_tup_read + coalesce(idx_tup_fetch, 0)
            FROM pg_stat_xact_user_tables WHERE relname = ANY(@tables)
            """, connection, transaction);
        command.Parameters.AddWithValue("tables", tables);
        var reads = tables.ToDictionary(t => t, _ => (0L, 0L));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            reads[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }
        return reads;
    }
}
