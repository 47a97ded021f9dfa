using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Changes;

/// <summary>
/// Gives the changes recorded before their states were kept (ADR 0023) the order as it is now, which is what the
/// feed showed for them until then. Walks down from the oldest change that has a state, a batch of changes per
/// statement, so no transaction is large and a pass that stopped midway is finished by the next; once done, a pass
/// reads one index entry and the few changes below it whose orders the mirror no longer holds.
/// </summary>
public sealed partial class ChangeStateFill(NpgsqlDataSource dataSource, IOptions<ChangeFeedOptions> options, ILogger<ChangeStateFill> logger)
{
    private const string StartSql = """
        SELECT coalesce((SELECT min(position) FROM order_change_states), (SELECT max(position) + 1 FROM order_changes), 0)
        """;

    private const string BatchSql = """
        SELECT min(position) FROM (
            SELECT position FROM order_changes WHERE position < @before ORDER BY position DESC LIMIT @batch
        ) b
        """;

    private static readonly string FillSql = OrderChangeStateSql.Capture(
        "(SELECT position, account_id, platform, order_id FROM order_changes WHERE position >= @low AND position < @before) b");

    /// <returns>How many changes this pass gave a state.</returns>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var start = new NpgsqlCommand(StartSql, connection);
        var before = (long)(await start.ExecuteScalarAsync(cancellationToken))!;
        long filled = 0;
        while (true)
        {
            await using var batch = new NpgsqlCommand(BatchSql, connection);
            batch.Parameters.AddWithValue("before", before);
            batch.Parameters.AddWithValue("batch", options.Value.BaselineBatch);
            if (await batch.ExecuteScalarAsync(cancellationToken) is not long low)
            {
                break;
            }
            await using var fill = new NpgsqlCommand(FillSql, connection);
            fill.Parameters.AddWithValue("low", low);
            fill.Parameters.AddWithValue("before", before);
            filled += await fill.ExecuteNonQueryAsync(cancellationToken);
            before = low;
        }
        LogPass(filled);
        return filled;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Change state fill gave {Filled} changes recorded before states were kept the order's current state")]
    private partial void LogPass(long filled);
}
