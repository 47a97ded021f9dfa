using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Reads <c>qtickets_daily_sales</c>, the one implementation of the sales rules in SQL, so every figure the API
/// shows reconciles with the order rows.
/// </summary>
public sealed class SalesReader(NpgsqlDataSource dataSource)
{
    public async IAsyncEnumerable<DailySalesRowDto> DailyAsync(
        string timeZone, long? eventId, DateOnly? from, DateOnly? to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT day, event_id, paid_orders, tickets_sold, revenue, refunded_tickets, refunded_amount
            FROM qtickets_daily_sales($1, $2, $3, $4)
            ORDER BY day, event_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = timeZone, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)eventId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new DailySalesRowDto
            {
                Day = reader.GetFieldValue<DateOnly>(0),
                EventId = reader.GetInt64(1),
                PaidOrders = reader.GetInt32(2),
                TicketsSold = reader.GetInt32(3),
                Revenue = reader.GetDecimal(4),
                RefundedTickets = reader.GetInt32(5),
                RefundedAmount = reader.GetDecimal(6),
            };
        }
    }
}
