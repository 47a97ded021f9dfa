using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Qtickets.Sync.Infrastructure.Reconciliation.Audit;

/// <summary>
/// One platform's audit SQL, over temporary tables on the run's connection that hold what the platform answered.
/// </summary>
/// <param name="SalesSource">The platform's <c>daily_sales</c> source (<c>Sales.SalesSource</c>).</param>
/// <param name="SalesRecompute">
/// The SQL function that computes the source's <c>daily_sales</c> rows under its rules (<c>SalesSource.RecomputeFunction</c>);
/// named by the platform, so the audit (under Reconciliation, which the sales runs build on) does not point back at Sales.
/// </param>
/// <param name="Tables">Every temporary table the audit creates (dropped before and after it).</param>
/// <param name="Create">Creates the tables the platform's answers are loaded into.</param>
/// <param name="Prepare">Builds the compared sets from the answers and the mirror.</param>
/// <param name="Sides">What is compared and when a row is in flight; the findings are made of it (<see cref="AuditSql.Findings"/>).</param>
/// <param name="SalesKeys">
/// A query over the findings CTEs: <c>event_id, at</c> — the <c>daily_sales</c> event key and the sale or refund
/// instants of the orders the findings are about, on either side; those days are not checked for sales drift, the
/// findings already say why they differ.
/// </param>
/// <param name="Totals">One row: the mirror's orders, tickets, paid sum and refunds, then the platform's.</param>
/// <remarks>
/// Every statement may use <c>@run</c>, <c>@account</c>, <c>@started</c> (the walk's start) and <c>@cutoff</c>
/// (the start less the in-flight margin).
/// </remarks>
public sealed record AuditQueries(string SalesSource, string SalesRecompute, IReadOnlyList<string> Tables, string Create, string Prepare, AuditSides Sides, string SalesKeys, string Totals);

/// <summary>
/// The two sides an audit compares, after <see cref="AuditQueries.Prepare"/>: each is a query of <c>id,
/// in_flight</c> but <see cref="OrderColumns"/> and the rest, which name relations and their compared columns.
/// </summary>
/// <param name="Matched">The orders both sides hold, and whether each changed while the walk went on.</param>
/// <param name="Unmirrored">The platform's orders the mirror lacks, and whether each is too recent to say.</param>
/// <param name="Unlisted">The mirror's orders the platform no longer answers for, and whether the mirror just wrote each.</param>
/// <param name="OrderColumns">The compared order columns (<see cref="Persistence.BusinessContent"/>).</param>
/// <param name="Mirror">The mirror's orders (an <c>id</c> and <see cref="OrderColumns"/>).</param>
/// <param name="Platform">The platform's orders, likewise.</param>
/// <param name="ChildColumns">The compared columns of an order's tickets (baskets).</param>
/// <param name="MirrorChildren">The mirror's ticket table (<c>account_id, order_id, id, vanished_at</c> and <see cref="ChildColumns"/>).</param>
/// <param name="PlatformChildren">The platform's tickets of <see cref="Platform"/>'s orders.</param>
/// <param name="ChildIdType">The SQL type of a ticket id.</param>
public sealed record AuditSides(
    string Matched, string Unmirrored, string Unlisted,
    IReadOnlyList<string> OrderColumns, string Mirror, string Platform,
    IReadOnlyList<string> ChildColumns, string MirrorChildren, string PlatformChildren, string ChildIdType);

/// <summary>
/// What every platform's audit does around its own requests and SQL: temporary tables for the platform's answers
/// (never mirror rows), each answer loaded with the run's counts, then one transaction that stores the findings,
/// both sides' totals and the verdict (<see cref="AuditRecorder"/>).
/// </summary>
/// <remarks>
/// The same transaction checks <c>daily_sales</c> for the account over the days of the audit's window: per day and
/// event, its totals must equal the recompute under the sales rules (docs/sales-rules.md). Where the orders agree
/// with the platform (every other finding is about one that does not), that recompute is the platform's own totals,
/// so a <see cref="Domain.Audit.AuditFindingKinds.SalesDrift"/> finding is a day the read model reports wrongly.
/// Days whose keys are still queued for the folder lag by design, and days of the orders other findings are about
/// are explained by them: neither is compared; while the table is rebuilt for a new time zone nothing is.
/// </remarks>
public sealed class AuditComparison(SyncRunLedger ledger, IOptions<AuditOptions> options, TimeProvider time)
{
    /// <summary>
    /// Runs <paramref name="walk"/> (which loads the platform's answers over <paramref name="horizon"/> before now,
    /// the run's <c>since</c>) between creating and dropping the tables, then compares: a row changed after the
    /// walk's start less <see cref="AuditOptions.InFlightMargin"/> is in flight.
    /// </summary>
    public async Task RunAsync(SyncRunContext run, AuditQueries queries, TimeSpan horizon, Func<AuditWalk, Task> walk)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(walk);
        var started = time.GetUtcNow();
        var since = started - horizon;
        await ledger.SetSinceAsync(run.RunId, since, run.Stopping);
        var drop = $"DROP TABLE IF EXISTS {string.Join(", ", queries.Tables)}";
        await AuditRecorder.ForgetAsync(run);
        await ExecuteAsync(run.Connection, $"{drop};\n{queries.Create}", run.Stopping);
        try
        {
            await walk(new AuditWalk(run, ledger, since, started));
            await CompareAsync(run, queries, started, started - options.Value.InFlightMargin, (int)options.Value.CompareTimeout.TotalSeconds);
        }
        finally
        {
            if (run.Connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(run.Connection, drop, CancellationToken.None);
            }
        }
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task CompareAsync(SyncRunContext run, AuditQueries queries, DateTimeOffset started, DateTimeOffset cutoff, int timeoutSeconds)
    {
        await using (var prepare = new NpgsqlCommand(queries.Prepare, run.Connection) { CommandTimeout = timeoutSeconds })
        {
            AddParameters(prepare, run, started, cutoff);
            await prepare.ExecuteNonQueryAsync(run.Stopping);
        }
        await using var transaction = await run.Connection.BeginTransactionAsync(run.Stopping);
        var sales = await SalesWindowAsync(run, transaction, started);
        int inFlight;
        await using (var findings = new NpgsqlCommand($"""
            WITH {AuditSql.Findings(queries.Sides)},
            {(sales is null ? NoSalesDriftSql : SalesDriftSql(queries.SalesRecompute, queries.SalesKeys))},
            written AS (
                INSERT INTO audit_findings (run_id, account_id, entity, kind, order_id, ticket_id, event_id, day, fields)
                SELECT @run, @account, entity, kind, order_id::text, ticket_id::text, NULL, NULL, fields FROM findings
                UNION ALL
                SELECT @run, @account, entity, kind, NULL, NULL, event_id, day, fields FROM sales_findings
                ORDER BY 5, 6 NULLS FIRST, 7, 8
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM written)::int, ({AuditSql.InFlight})::int
            """, run.Connection, transaction) { CommandTimeout = timeoutSeconds })
        {
            AddParameters(findings, run, started, cutoff);
            if (sales is { } window)
            {
                findings.Parameters.AddWithValue("tz", window.TimeZone);
                findings.Parameters.AddWithValue("sales_from", window.From);
                findings.Parameters.AddWithValue("sales_to", window.To);
                findings.Parameters.AddWithValue("source", queries.SalesSource);
            }
            await using var reader = await findings.ExecuteReaderAsync(run.Stopping);
            await reader.ReadAsync(run.Stopping);
            inFlight = reader.GetInt32(1);
        }
        AuditTotals mirror, platform;
        await using (var totals = new NpgsqlCommand(queries.Totals, run.Connection, transaction) { CommandTimeout = timeoutSeconds })
        {
            AddParameters(totals, run, started, cutoff);
            await using var reader = await totals.ExecuteReaderAsync(run.Stopping);
            await reader.ReadAsync(run.Stopping);
            mirror = AuditTotals.Read(reader, 0);
            platform = AuditTotals.Read(reader, 4);
        }
        await AuditRecorder.RecordAsync(run, transaction, started, inFlight, mirror, platform);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private readonly record struct SalesWindow(string TimeZone, DateOnly From, DateOnly To);

    /// <summary>The sales zone and the days of the audit's window in it; null while <c>daily_sales</c> is rebuilt.</summary>
    private static async Task<SalesWindow?> SalesWindowAsync(SyncRunContext run, NpgsqlTransaction transaction, DateTimeOffset started)
    {
        await using var command = new NpgsqlCommand("""
            SELECT s.time_zone, (r.since AT TIME ZONE s.time_zone)::date, (@started AT TIME ZONE s.time_zone)::date
            FROM daily_sales_state s CROSS JOIN sync_runs r
            WHERE s.id = 1 AND s.rebuild_to IS NULL AND r.id = @run AND r.since IS NOT NULL
            """, run.Connection, transaction);
        command.Parameters.AddWithValue("run", run.RunId);
        command.Parameters.Add(new NpgsqlParameter("started", NpgsqlDbType.TimestampTz) { Value = started.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(run.Stopping);
        return await reader.ReadAsync(run.Stopping)
            ? new SalesWindow(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetFieldValue<DateOnly>(2))
            : null;
    }

    private static readonly string[] SalesMeasures =
        ["paid_orders", "tickets_sold", "gross", "ticket_revenue", "service_fees", "refunded_tickets", "refunds"];

    private static readonly string SalesSums = string.Join(", ", SalesMeasures.Select(m => $"sum({m}) AS {m}"));

    private const string NoSalesDriftSql = """
        sales_findings AS (
            SELECT NULL::text AS entity, NULL::text AS kind, NULL::bigint AS event_id, NULL::date AS day, NULL::jsonb AS fields WHERE false
        )
        """;

    /// <summary>
    /// Per day and event of the window: the recompute (<paramref name="recompute"/>) of the source's rules for the account (called
    /// with parameters for arguments, so it plans for them) against the table, but for keys still queued.
    /// </summary>
    private static string SalesDriftSql(string recompute, string foundKeys) => $"""
        sales_found AS (
            SELECT DISTINCT event_id, (at AT TIME ZONE @tz)::date AS day FROM ({foundKeys}) k WHERE at IS NOT NULL
        ),
        sales_truth AS (
            SELECT day, event_id, {SalesSums}
            FROM {recompute}(@tz, NULL, @sales_from, @sales_to, @account)
            GROUP BY day, event_id
        ),
        sales_kept AS (
            SELECT day, event_id, {SalesSums}
            FROM daily_sales
            WHERE source = @source AND account_id = @account AND day BETWEEN @sales_from AND @sales_to
            GROUP BY day, event_id
        ),
        sales_queued AS (
            SELECT DISTINCT event_id, (at AT TIME ZONE @tz)::date AS day
            FROM daily_sales_queue WHERE source = @source AND account_id = @account
        ),
        sales_findings AS (
            SELECT '{Domain.Audit.AuditEntities.SalesDay}' AS entity, '{Domain.Audit.AuditFindingKinds.SalesDrift}' AS kind,
                   coalesce(t.event_id, k.event_id) AS event_id, coalesce(t.day, k.day) AS day,
                   {AuditSql.Differences(SalesMeasures, "k", "t")} AS fields
            FROM sales_truth t FULL JOIN sales_kept k ON k.day = t.day AND k.event_id = t.event_id
            WHERE {Persistence.BusinessContent.Differs(SalesMeasures, "k", "t")}
              AND NOT EXISTS (SELECT 1 FROM sales_queued q WHERE q.event_id = coalesce(t.event_id, k.event_id) AND q.day = coalesce(t.day, k.day))
              AND NOT EXISTS (SELECT 1 FROM sales_found f WHERE f.event_id = coalesce(t.event_id, k.event_id) AND f.day = coalesce(t.day, k.day))
        )
        """;

    private static void AddParameters(NpgsqlCommand command, SyncRunContext run, DateTimeOffset started, DateTimeOffset cutoff)
    {
        command.Parameters.AddWithValue("run", run.RunId);
        command.Parameters.AddWithValue("account", run.AccountId);
        command.Parameters.Add(new NpgsqlParameter("started", NpgsqlDbType.TimestampTz) { Value = started.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter("cutoff", NpgsqlDbType.TimestampTz) { Value = cutoff.ToUniversalTime() });
    }
}
