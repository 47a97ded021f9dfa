using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;

namespace Qtickets.Sync.Infrastructure.Changes;

/// <summary>
/// Gives every order the mirror held before history started one <c>order.created</c> entry (source
/// <c>baseline</c>), account by account, a batch of orders per transaction, so no migration holds one giant
/// transaction. Resumable: an order that has any history is skipped, so a pass that stopped midway is finished by
/// the next, and an account is marked done in <c>sync_state</c> (<see cref="StateKey"/>) once all its orders were
/// passed, so orders whose old history retention later deletes do not get a second baseline.
/// </summary>
/// <remarks>
/// Each batch first locks its orders (FOR SHARE) and only then, in a second statement with a fresh snapshot, adds
/// what is missing: a write of the same order either committed before (its change is seen, no baseline) or waits
/// for this batch (its change comes after the baseline).
/// </remarks>
public sealed partial class ChangeBaseline(
    NpgsqlDataSource dataSource, IOptions<ChangeFeedOptions> options, TimeProvider time, ILogger<ChangeBaseline> logger)
{
    public const string StateKey = "change_baseline";

    private static readonly (string Platform, string Table, string Version, string Id)[] Platforms =
    [
        (AccountPlatforms.Qtickets, "qtickets_orders", "source_updated_at", "id::text"),
        (AccountPlatforms.Ticketscloud, "ticketscloud_orders", "observed_at", "id"),
    ];

    /// <returns>How many baseline entries this pass wrote.</returns>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        long written = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var accountId in await PendingAccountsAsync(connection, cancellationToken))
        {
            foreach (var platform in Platforms)
            {
                written += await AccountAsync(connection, accountId, platform, cancellationToken);
            }
            await using var done = new NpgsqlCommand("""
                INSERT INTO sync_state (account_id, key, updated_at) VALUES (@account, @key, @now)
                ON CONFLICT (account_id, key) DO NOTHING
                """, connection);
            done.Parameters.AddWithValue("account", accountId);
            done.Parameters.AddWithValue("key", StateKey);
            done.Parameters.AddWithValue("now", time.GetUtcNow());
            await done.ExecuteNonQueryAsync(cancellationToken);
        }
        LogPass(written);
        return written;
    }

    private static async Task<List<int>> PendingAccountsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT a.id FROM accounts a
            WHERE NOT EXISTS (SELECT 1 FROM sync_state s WHERE s.account_id = a.id AND s.key = @key)
            ORDER BY a.id
            """, connection);
        command.Parameters.AddWithValue("key", StateKey);
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt32(0));
        }
        return ids;
    }

    private async Task<long> AccountAsync(
        NpgsqlConnection connection, int accountId, (string Platform, string Table, string Version, string Id) platform, CancellationToken cancellationToken)
    {
        long written = 0;
        string? after = null;
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var lockBatch = new NpgsqlCommand($"""
                SELECT {platform.Id} FROM {platform.Table}
                WHERE account_id = @account AND (@after::text IS NULL OR {platform.Id} > @after)
                ORDER BY {platform.Id} LIMIT @batch
                FOR SHARE
                """, connection, transaction);
            lockBatch.Parameters.AddWithValue("account", accountId);
            lockBatch.Parameters.Add(new NpgsqlParameter("after", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)after ?? DBNull.Value });
            lockBatch.Parameters.AddWithValue("batch", options.Value.BaselineBatch);
            var ids = new List<string>();
            await using (var reader = await lockBatch.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                }
            }
            if (ids.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken);
                return written;
            }
            await using var insert = new NpgsqlCommand($"""
                INSERT INTO order_changes (account_id, platform, order_id, types, version_at, source, source_id, learned_at, changes)
                SELECT o.account_id, @platform, {platform.Id}, ARRAY['{OrderChangeTypes.Created}'], o.{platform.Version}, '{ChangeSources.Baseline}', NULL, @now,
                       jsonb_build_object('fields', jsonb_build_object(), 'tickets', jsonb_build_object(
                           'added', jsonb_build_array(), 'refunded', jsonb_build_array(), 'scanned', jsonb_build_array(), 'deleted', jsonb_build_array()))
                FROM {platform.Table} o
                WHERE o.account_id = @account AND {platform.Id} = ANY(@ids)
                  AND NOT EXISTS (SELECT 1 FROM order_changes c
                                  WHERE c.account_id = o.account_id AND c.platform = @platform AND c.order_id = {platform.Id})
                ORDER BY {platform.Id}
                """, connection, transaction);
            insert.Parameters.AddWithValue("account", accountId);
            insert.Parameters.AddWithValue("platform", platform.Platform);
            insert.Parameters.AddWithValue("ids", ids.ToArray());
            insert.Parameters.AddWithValue("now", time.GetUtcNow());
            written += await insert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            after = ids[^1];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Change history baseline wrote {Written} order.created entries for orders older than history")]
    private partial void LogPass(long written);
}
