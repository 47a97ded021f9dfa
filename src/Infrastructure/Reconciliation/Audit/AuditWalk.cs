using Npgsql;

namespace Qtickets.Sync.Infrastructure.Reconciliation.Audit;

/// <summary>
/// One audit's walk over the platform: its window and the loads of what the platform answers, numbered in the
/// order they came (the later answer of a row wins a tie).
/// </summary>
public sealed class AuditWalk(SyncRunContext run, SyncRunLedger ledger, DateTimeOffset since, DateTimeOffset started)
{
    private int loads;

    /// <summary>The oldest changes (or creations) the walk asks for: its full sweep's horizon.</summary>
    public DateTimeOffset Since => since;

    /// <summary>When the walk started; what changed after it, less the margin, is in flight.</summary>
    public DateTimeOffset Started => started;

    /// <summary>
    /// Loads one answer: <paramref name="insert"/> fills the tables with the answer's number in a transaction that
    /// also counts <paramref name="rows"/> seen and <paramref name="pages"/> listing pages on the run.
    /// </summary>
    /// <remarks>Written with <see cref="CancellationToken.None"/>, as a sweep's page is: a fetched answer is kept.</remarks>
    public async Task LoadAsync(int rows, int pages, Func<NpgsqlTransaction, int, Task> insert)
    {
        ArgumentNullException.ThrowIfNull(insert);
        var seq = ++loads;
        await using var transaction = await run.Connection.BeginTransactionAsync(CancellationToken.None);
        await insert(transaction, seq);
        await ledger.RecordPageAsync(run.Connection, transaction, run.RunId, new PageCounts(rows, 0, 0, 0, 0), pages, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }
}
