using Npgsql;
using NpgsqlTypes;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>Events from the catalog with their shows and sales totals.</summary>
public sealed class EventReader(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<EventDto>> ListAsync(long? eventId, CancellationToken cancellationToken)
    {
        var eventTotals = await EventTotalsAsync(eventId, cancellationToken);
        var showTotals = await ShowTotalsAsync(eventId, cancellationToken);
        var events = new Dictionary<long, EventDto>();
        var shows = new Dictionary<long, List<ShowDto>>();

        await using (var command = dataSource.CreateCommand("""
            SELECT e.id, e.name, e.is_active, e.currency_id, e.place_name, e.place_address, e.city_id
            FROM qtickets_events e WHERE $1::bigint IS NULL OR e.id = $1 ORDER BY e.id
            """))
        {
            command.Parameters.Add(Id(eventId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                events[id] = new EventDto
                {
                    Id = id,
                    Name = OrderRows.Text(reader, 1),
                    IsActive = reader.GetBoolean(2),
                    CurrencyId = OrderRows.Text(reader, 3),
                    PlaceName = OrderRows.Text(reader, 4),
                    PlaceAddress = OrderRows.Text(reader, 5),
                    CityId = OrderRows.Long(reader, 6),
                };
            }
        }
        await using (var command = dataSource.CreateCommand("""
            SELECT s.id, s.event_id, s.is_active, s.start_date, s.finish_date, s.sale_start_date, s.sale_finish_date
            FROM qtickets_shows s WHERE $1::bigint IS NULL OR s.event_id = $1 ORDER BY s.event_id, s.start_date, s.id
            """))
        {
            command.Parameters.Add(Id(eventId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                var owner = reader.GetInt64(1);
                if (!shows.TryGetValue(owner, out var list))
                {
                    shows[owner] = list = [];
                }
                list.Add(new ShowDto
                {
                    Id = id,
                    IsActive = reader.GetBoolean(2),
                    StartDate = OrderRows.Instant(reader, 3),
                    FinishDate = OrderRows.Instant(reader, 4),
                    SaleStartDate = OrderRows.Instant(reader, 5),
                    SaleFinishDate = OrderRows.Instant(reader, 6),
                    Sales = showTotals.GetValueOrDefault(id, SalesTotalsDto.Zero),
                });
            }
        }

        // Orders can name an event before the catalog sync has fetched it; its sales still show.
        foreach (var id in eventTotals.Keys.Where(id => !events.ContainsKey(id)))
        {
            events[id] = new EventDto { Id = id };
        }
        return [.. events.Values
            .OrderBy(e => e.Id)
            .Select(e => e with
            {
                Sales = eventTotals.GetValueOrDefault(e.Id, SalesTotalsDto.Zero),
                Shows = shows.TryGetValue(e.Id, out var list) ? list : [],
            })];
    }

    private Task<Dictionary<long, SalesTotalsDto>> EventTotalsAsync(long? eventId, CancellationToken cancellationToken) =>
        TotalsAsync("event_id", eventId, cancellationToken);

    private Task<Dictionary<long, SalesTotalsDto>> ShowTotalsAsync(long? eventId, CancellationToken cancellationToken) =>
        TotalsAsync("show_id", eventId, cancellationToken);

    /// <summary>From the maintained daily sales table, so events and shows add up to <c>GET /sales/daily</c>.</summary>
    private async Task<Dictionary<long, SalesTotalsDto>> TotalsAsync(string key, long? eventId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {key}, sum(paid_orders)::int, sum(tickets_sold)::int, sum(gross), sum(refunded_tickets)::int, sum(refunds)
            FROM daily_sales
            WHERE source = 'qtickets' AND ($1::bigint IS NULL OR event_id = $1)
            GROUP BY {key}
            """);
        command.Parameters.Add(Id(eventId));
        return await ReadTotalsAsync(command, cancellationToken);
    }

    private static async Task<Dictionary<long, SalesTotalsDto>> ReadTotalsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<long, SalesTotalsDto>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            totals[reader.GetInt64(0)] = new SalesTotalsDto
            {
                PaidOrders = reader.GetInt32(1),
                TicketsSold = reader.GetInt32(2),
                Revenue = reader.GetDecimal(3),
                RefundedTickets = reader.GetInt32(4),
                RefundedAmount = reader.GetDecimal(5),
            };
        }
        return totals;
    }

    private static NpgsqlParameter Id(long? id) =>
        new() { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint };
}
