using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Infrastructure.Sales;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Reads daily sales: from the maintained <c>daily_sales</c> table when the asked zone is the one it is built in
/// (the normal case, a few index probes), otherwise from the recompute <c>qtickets_daily_sales</c> over the
/// orders (an ad-hoc zone, or while the table is rebuilt for a new <c>Sales:TimeZone</c>).
/// </summary>
public sealed class SalesReader([FromKeyedServices(ReadDataSource.Key)] NpgsqlDataSource dataSource)
{
    /// <summary>Where a query will be answered from, and why not from the table when it is not.</summary>
    public async Task<(string Source, string? Note)> PlanAsync(DailySalesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand("SELECT time_zone, rebuild_to FROM daily_sales_state WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (DailySalesSources.Recompute, "The daily sales table has not been built; computed from the orders (slower).");
        }
        if (!reader.IsDBNull(1))
        {
            return (DailySalesSources.Recompute,
                $"The daily sales table is being rebuilt for {reader.GetString(1)}; computed from the orders (slower).");
        }
        var tableZone = reader.GetString(0);
        return string.Equals(tableZone, query.TimeZone, StringComparison.Ordinal)
            ? (DailySalesSources.Table, null)
            : (DailySalesSources.Recompute,
                $"The daily sales table is kept in {tableZone}; {query.TimeZone} is computed from the orders for this request (slower).");
    }

    public async IAsyncEnumerable<DailySalesRowDto> DailyAsync(
        DailySalesQuery query, string source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand(Sql(query, source));
        command.Parameters.Add(new NpgsqlParameter("tz", NpgsqlDbType.Text) { Value = query.TimeZone });
        command.Parameters.Add(new NpgsqlParameter("event", NpgsqlDbType.Bigint) { Value = (object?)query.EventId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = (object?)query.From ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = (object?)query.To ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("platform", NpgsqlDbType.Text) { Value = (object?)query.Platform ?? DBNull.Value });
        if (query.Accounts.Ids is not null)
        {
            command.Parameters.Add(query.Accounts.Parameter("accounts"));
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new DailySalesRowDto
            {
                Day = reader.GetFieldValue<DateOnly>(0),
                Account = reader.GetString(1),
                EventId = reader.IsDBNull(2) ? null : reader.GetInt64(2),
                ShowId = reader.IsDBNull(3) ? null : reader.GetInt64(3),
                PaidOrders = reader.GetInt32(4),
                TicketsSold = reader.GetInt32(5),
                Gross = reader.GetDecimal(6),
                TicketRevenue = reader.GetDecimal(7),
                ServiceFees = reader.GetDecimal(8),
                RefundedTickets = reader.GetInt32(9),
                Refunds = reader.GetDecimal(10),
                Platform = reader.GetString(11),
            };
        }
    }

    /// <summary>
    /// Only the filters asked for are written into the statement, so the plan is an index range on the table's
    /// key (day) or on (event_id, day) rather than a generic plan full of <c>IS NULL OR</c>.
    /// </summary>
    private static string Sql(DailySalesQuery query, string source)
    {
        var where = new List<string>();
        string from;
        if (source == DailySalesSources.Table)
        {
            from = "daily_sales s";
            if (query.Platform is not null)
            {
                where.Add("s.source = @platform");
            }
            if (query.EventId is not null)
            {
                where.Add("s.event_id = @event");
            }
            if (query.From is not null)
            {
                where.Add("s.day >= @from");
            }
            if (query.To is not null)
            {
                where.Add("s.day <= @to");
            }
        }
        else
        {
            var platforms = query.Platform is { } one ? [one] : SalesSource.All;
            from = "(" + string.Join(" UNION ALL ", platforms.Select(p =>
                $"SELECT '{p}'::text AS source, f.* FROM {SalesSource.RecomputeFunction(p)}(@tz, @event, @from, @to) f")) + ") s";
        }
        if (query.Accounts.Ids is not null)
        {
            where.Add("s.account_id = ANY(@accounts)");
        }
        var eventColumn = query.GroupBy == "day" ? "NULL::bigint" : "s.event_id";
        var showColumn = query.GroupBy == "show" ? "s.show_id" : "NULL::bigint";
        var sql = new StringBuilder($"""
            SELECT s.day, acc.name, {eventColumn}, {showColumn}, sum(s.paid_orders)::int, sum(s.tickets_sold)::int,
                   sum(s.gross), sum(s.ticket_revenue), sum(s.service_fees), sum(s.refunded_tickets)::int, sum(s.refunds),
                   s.source
            FROM {from} JOIN accounts acc ON acc.id = s.account_id
            """);
        if (where.Count > 0)
        {
            sql.Append("\nWHERE ").AppendJoin(" AND ", where);
        }
        sql.Append("\nGROUP BY 1, 2, 3, 4, 12 ORDER BY 1, 3, 4, 2, 12");
        return sql.ToString();
    }
}
