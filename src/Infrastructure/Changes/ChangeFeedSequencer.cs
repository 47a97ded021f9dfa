using Npgsql;

namespace Qtickets.Sync.Infrastructure.Changes;

/// <summary>
/// Gives committed order changes their place in the feed (<c>feed_position</c>), one instance at a time (ADR 0016).
/// </summary>
/// <remarks>
/// Writers take <c>position</c> when they insert, after their order's row lock, but commit in any order, so a
/// reader walking <c>position</c> could pass a row whose transaction had not committed yet and never see it. The
/// sequencer numbers only rows already committed (visible to it), in <c>position</c> order, continuing from the
/// highest number given, under a transaction-scoped advisory lock, so the numbered rows always form a prefix that
/// only grows: a reader after any number sees every later change exactly once. Two changes of one order are
/// numbered in the order they happened: the second was written after the first committed (it waited for the row
/// lock), so whenever the second is visible the first is too, and its position is lower.
/// Whoever reads the feed sequences first; when another instance holds the lock it is numbering the same rows.
/// </remarks>
public sealed class ChangeFeedSequencer(NpgsqlDataSource dataSource)
{
    /// <summary>The advisory lock key ("feedseq" in ASCII), unique among this service's locks.</summary>
    private const long LockKey = 0x66_6565_6473_6571;

    private const string WaitingSql = "SELECT EXISTS (SELECT 1 FROM order_changes WHERE feed_position IS NULL)";

    private const string NumberSql = """
        WITH next AS (
            SELECT q.position, row_number() OVER (ORDER BY q.position) AS n
            FROM (SELECT position FROM order_changes WHERE feed_position IS NULL ORDER BY position LIMIT @max) q
        ),
        top AS (SELECT coalesce(max(feed_position), 0) AS number FROM order_changes)
        UPDATE order_changes c SET feed_position = top.number + next.n
        FROM next, top
        WHERE c.position = next.position
        """;

    /// <returns>How many changes this call numbered (0 when none waited or another instance was numbering).</returns>
    public async Task<int> SequenceAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Every feed read calls this first: when nothing waits (a consumer keeping up, or reading history), one
        // look at the index of unnumbered rows answers instead of a transaction, a lock and an UPDATE to plan.
        await using (var waiting = new NpgsqlCommand(WaitingSql, connection))
        {
            if (!(bool)(await waiting.ExecuteScalarAsync(cancellationToken))!)
            {
                return 0;
            }
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction))
        {
            locking.Parameters.Add(new NpgsqlParameter("key", LockKey));
            if (!(bool)(await locking.ExecuteScalarAsync(cancellationToken))!)
            {
                return 0;
            }
        }
        await using var number = new NpgsqlCommand(NumberSql, connection, transaction);
        number.Parameters.Add(new NpgsqlParameter("max", max));
        var numbered = await number.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return numbered;
    }
}
