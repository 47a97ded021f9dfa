using Npgsql;
using NpgsqlTypes;

namespace Qtickets.Sync.Infrastructure.Reconciliation.Audit;

/// <summary>
/// One platform's audit SQL, over temporary tables on the run's connection that hold what the platform answered.
/// </summary>
/// <param name="Tables">Every temporary table the audit creates (dropped before and after it).</param>
/// <param name="Create">Creates the tables the platform's answers are loaded into.</param>
/// <param name="Prepare">Builds the compared sets from the answers and the mirror.</param>
/// <param name="Findings">
/// CTEs ending in one named <c>findings</c> with columns <c>entity, kind, order_id, ticket_id, fields</c>.
/// </param>
/// <param name="InFlight">A scalar over the same CTEs: the rows recognised as in flight.</param>
/// <param name="Totals">One row: the mirror's orders, tickets, paid sum and refunds, then the platform's.</param>
/// <remarks>
/// Every statement may use <c>@run</c>, <c>@account</c>, <c>@started</c> (the walk's start) and <c>@cutoff</c>
/// (the start less the in-flight margin).
/// </remarks>
public sealed record AuditQueries(IReadOnlyList<string> Tables, string Create, string Prepare, string Findings, string InFlight, string Totals);

/// <summary>
/// What every platform's audit does around its own requests and SQL: temporary tables for the platform's answers
/// (never mirror rows), each answer loaded with the run's counts, then one transaction that stores the findings,
/// both sides' totals and the verdict (<see cref="AuditRecorder"/>).
/// </summary>
public static class AuditComparison
{
    /// <summary>
    /// Runs <paramref name="walk"/> (which loads the platform's answers) between creating and dropping the tables,
    /// then compares: a row changed after <paramref name="started"/> less <paramref name="margin"/> is in flight.
    /// </summary>
    public static async Task RunAsync(SyncRunContext run, AuditQueries queries, DateTimeOffset started, TimeSpan margin, Func<Task> walk)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(walk);
        var drop = $"DROP TABLE IF EXISTS {string.Join(", ", queries.Tables)}";
        await AuditRecorder.ForgetAsync(run);
        await ExecuteAsync(run.Connection, $"{drop};\n{queries.Create}", run.Stopping);
        try
        {
            await walk();
            await CompareAsync(run, queries, started, started - margin);
        }
        finally
        {
            if (run.Connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(run.Connection, drop, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Loads one answer of the platform: <paramref name="insert"/> fills the tables in a transaction that also
    /// counts <paramref name="rows"/> seen and <paramref name="pages"/> listing pages on the run.
    /// </summary>
    /// <remarks>Written with <see cref="CancellationToken.None"/>, as a sweep's page is: a fetched answer is kept.</remarks>
    public static async Task LoadAsync(
        SyncRunContext run, SyncRunLedger ledger, int rows, int pages, Func<NpgsqlTransaction, Task> insert)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(insert);
        await using var transaction = await run.Connection.BeginTransactionAsync(CancellationToken.None);
        await insert(transaction);
        await ledger.RecordPageAsync(run.Connection, transaction, run.RunId, new PageCounts(rows, 0, 0, 0, 0), pages, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task CompareAsync(SyncRunContext run, AuditQueries queries, DateTimeOffset started, DateTimeOffset cutoff)
    {
        await using (var prepare = new NpgsqlCommand(queries.Prepare, run.Connection))
        {
            AddParameters(prepare, run, started, cutoff);
            await prepare.ExecuteNonQueryAsync(run.Stopping);
        }
        await using var transaction = await run.Connection.BeginTransactionAsync(run.Stopping);
        int inFlight;
        await using (var findings = new NpgsqlCommand($"""
            WITH {queries.Findings},
            written AS (
                INSERT INTO audit_findings (run_id, account_id, entity, kind, order_id, ticket_id, fields)
                SELECT @run, @account, entity, kind, order_id::text, ticket_id::text, fields FROM findings
                ORDER BY order_id, ticket_id NULLS FIRST
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM written)::int, ({queries.InFlight})::int
            """, run.Connection, transaction))
        {
            AddParameters(findings, run, started, cutoff);
            await using var reader = await findings.ExecuteReaderAsync(run.Stopping);
            await reader.ReadAsync(run.Stopping);
            inFlight = reader.GetInt32(1);
        }
        AuditTotals mirror, platform;
        await using (var totals = new NpgsqlCommand(queries.Totals, run.Connection, transaction))
        {
            AddParameters(totals, run, started, cutoff);
            await using var reader = await totals.ExecuteReaderAsync(run.Stopping);
            await reader.ReadAsync(run.Stopping);
            mirror = new AuditTotals(reader.GetInt32(0), reader.GetInt32(1), reader.GetDecimal(2), reader.GetDecimal(3));
            platform = new AuditTotals(reader.GetInt32(4), reader.GetInt32(5), reader.GetDecimal(6), reader.GetDecimal(7));
        }
        await AuditRecorder.RecordAsync(run, transaction, started, inFlight, mirror, platform);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private static void AddParameters(NpgsqlCommand command, SyncRunContext run, DateTimeOffset started, DateTimeOffset cutoff)
    {
        command.Parameters.AddWithValue("run", run.RunId);
        command.Parameters.AddWithValue("account", run.AccountId);
        command.Parameters.Add(new NpgsqlParameter("started", NpgsqlDbType.TimestampTz) { Value = started.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter("cutoff", NpgsqlDbType.TimestampTz) { Value = cutoff.ToUniversalTime() });
    }
}
