using Npgsql;
using Qtickets.Sync.Domain.Sales;
using Qtickets.Sync.Infrastructure.Sales;

namespace Qtickets.Sync.Tests.Support;

/// <summary>The maintained daily sales table and its reference recompute, read as Domain rows for comparison.</summary>
public static class SalesTable
{
    public static Task<int> FoldAsync(SyncApiFactory factory) =>
        factory.GetRequiredService<DailySalesFolder>().FoldPendingAsync(CancellationToken.None);

    public static Task<List<DailySales>> TableAsync(string connectionString, string source = SalesSource.Qtickets) => ReadAsync(connectionString, $"""
        SELECT day, event_id, show_id, paid_orders, tickets_sold, gross, ticket_revenue, service_fees, refunded_tickets, refunds
        FROM daily_sales WHERE source = '{source}' ORDER BY day, event_id, show_id
        """, null);

    public static Task<List<DailySales>> RecomputeAsync(string connectionString, string timeZone, string source = SalesSource.Qtickets) =>
        ReadAsync(connectionString, $"""
        SELECT day, event_id, show_id, paid_orders, tickets_sold, gross, ticket_revenue, service_fees, refunded_tickets, refunds
        FROM {SalesSource.RecomputeFunction(source)}(@tz) ORDER BY day, event_id, show_id
        """, timeZone);

    private static async Task<List<DailySales>> ReadAsync(string connectionString, string sql, string? timeZone)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (timeZone is not null)
        {
            command.Parameters.AddWithValue("tz", timeZone);
        }
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<DailySales>();
        while (await reader.ReadAsync())
        {
            rows.Add(new DailySales(reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3),
                reader.GetInt32(4), reader.GetDecimal(5), reader.GetDecimal(6), reader.GetDecimal(7), reader.GetInt32(8), reader.GetDecimal(9)));
        }
        return rows;
    }
}
