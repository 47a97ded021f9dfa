using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Events of both platforms from their catalogs with their shows and sales totals; ids are unique within an
/// account. Ticketscloud events go by the mirror's number for them, as the daily sales do.
/// </summary>
public sealed class EventReader([FromKeyedServices(ReadDataSource.Key)] NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<EventDto>> ListAsync(AccountFilter accounts, long? eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var eventTotals = await TotalsAsync("event_id", accounts, eventId, cancellationToken);
        var showTotals = await TotalsAsync("show_id", accounts, eventId, cancellationToken);
        var names = await NamesAsync(cancellationToken);
        var events = new Dictionary<(int, long), EventDto>();
        var shows = new Dictionary<(int, long), List<ShowDto>>();
        // An event of an account by its number (QTickets' id, or the mirror's number for a Ticketscloud event).
        EventDto Numbered((int Account, long Id) key) => new()
        {
            Account = names[key.Account],
            Id = key.Id,
            PlatformEventId = key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        await EachRowAsync("""
            SELECT e.account_id, e.id, e.name, e.is_active, e.currency_id, e.place_name, e.place_address, e.city_id
            FROM qtickets_events e
            WHERE ($1::bigint IS NULL OR e.id = $1) AND ($2::integer[] IS NULL OR e.account_id = ANY($2))
            """, eventId, accounts, reader =>
        {
            var key = (reader.GetInt32(0), reader.GetInt64(1));
            events[key] = Numbered(key) with
            {
                Name = OrderRows.Text(reader, 2),
                IsActive = reader.GetBoolean(3),
                CurrencyId = OrderRows.Text(reader, 4),
                PlaceName = OrderRows.Text(reader, 5),
                PlaceAddress = OrderRows.Text(reader, 6),
                CityId = OrderRows.Long(reader, 7),
            };
        }, cancellationToken);
        await EachRowAsync("""
            SELECT e.account_id, e.sales_key, e.id, e.title, e.status
            FROM ticketscloud_events e
            WHERE ($1::bigint IS NULL OR e.sales_key = $1) AND ($2::integer[] IS NULL OR e.account_id = ANY($2))
            """, eventId, accounts, reader =>
        {
            var key = (reader.GetInt32(0), reader.GetInt64(1));
            events[key] = Numbered(key) with
            {
                Platform = MirrorPlatforms.Ticketscloud,
                PlatformEventId = reader.GetString(2),
                Name = OrderRows.Text(reader, 3),
                // Ticketscloud's own word for an event on sale; its other statuses (draft, archived...) are not.
                IsActive = OrderRows.Text(reader, 4) == "public",
            };
        }, cancellationToken);
        await EachRowAsync("""
            SELECT s.account_id, s.id, s.event_id, s.is_active, s.start_date, s.finish_date, s.sale_start_date, s.sale_finish_date
            FROM qtickets_shows s
            WHERE ($1::bigint IS NULL OR s.event_id = $1) AND ($2::integer[] IS NULL OR s.account_id = ANY($2))
            ORDER BY s.account_id, s.event_id, s.start_date, s.id
            """, eventId, accounts, reader =>
        {
            var accountId = reader.GetInt32(0);
            var id = reader.GetInt64(1);
            var owner = (accountId, reader.GetInt64(2));
            if (!shows.TryGetValue(owner, out var list))
            {
                shows[owner] = list = [];
            }
            list.Add(new ShowDto
            {
                Id = id,
                IsActive = reader.GetBoolean(3),
                StartDate = OrderRows.Instant(reader, 4),
                FinishDate = OrderRows.Instant(reader, 5),
                SaleStartDate = OrderRows.Instant(reader, 6),
                SaleFinishDate = OrderRows.Instant(reader, 7),
                Sales = showTotals.GetValueOrDefault((accountId, id), SalesTotalsDto.Zero),
            });
        }, cancellationToken);

        // Orders can name an event before the catalog sync has fetched it; its sales still show.
        foreach (var key in eventTotals.Keys.Where(key => !events.ContainsKey(key)))
        {
            events[key] = Numbered(key);
        }
        return [.. events
            .OrderBy(e => e.Key.Item2).ThenBy(e => e.Value.Account, StringComparer.Ordinal)
            .Select(e => e.Value with
            {
                Sales = eventTotals.GetValueOrDefault(e.Key, SalesTotalsDto.Zero),
                Shows = shows.TryGetValue(e.Key, out var list) ? list : [],
            })];
    }

    /// <summary>
    /// The events an id names: a number is a QTickets event id or the mirror's number for a Ticketscloud event (as
    /// the daily sales give it); anything else is a Ticketscloud hex id, found through that number.
    /// </summary>
    public async Task<IReadOnlyList<EventDto>> FindAsync(AccountFilter accounts, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(id);
        if (long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return await ListAsync(accounts, number, cancellationToken);
        }
        await using var command = dataSource.CreateCommand("""
            SELECT DISTINCT sales_key FROM ticketscloud_events WHERE id = $1 AND ($2::integer[] IS NULL OR account_id = ANY($2))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(accounts.Parameter());
        var keys = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(reader.GetInt64(0));
            }
        }
        var found = new List<EventDto>();
        foreach (var key in keys)
        {
            // The number may also be a QTickets event's id in another account: keep only the Ticketscloud event.
            found.AddRange((await ListAsync(accounts, key, cancellationToken))
                .Where(e => e.Platform == MirrorPlatforms.Ticketscloud && e.PlatformEventId == id));
        }
        return found;
    }

    /// <summary>
    /// From the maintained daily sales table, so events and shows add up to <c>GET /sales/daily</c>; both
    /// platforms' rows, told apart by account (an account is of one platform).
    /// </summary>
    private async Task<Dictionary<(int, long), SalesTotalsDto>> TotalsAsync(
        string key, AccountFilter accounts, long? eventId, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT account_id, {key}, sum(paid_orders)::int, sum(tickets_sold)::int, sum(gross), sum(refunded_tickets)::int, sum(refunds)
            FROM daily_sales
            WHERE ($1::bigint IS NULL OR event_id = $1) AND ($2::integer[] IS NULL OR account_id = ANY($2))
            GROUP BY account_id, {key}
            """;
        var totals = new Dictionary<(int, long), SalesTotalsDto>();
        await EachRowAsync(sql, eventId, accounts, reader =>
            totals[(reader.GetInt32(0), reader.GetInt64(1))] = new SalesTotalsDto
            {
                PaidOrders = reader.GetInt32(2),
                TicketsSold = reader.GetInt32(3),
                Revenue = reader.GetDecimal(4),
                RefundedTickets = reader.GetInt32(5),
                RefundedAmount = reader.GetDecimal(6),
            }, cancellationToken);
        return totals;
    }

    private async Task<Dictionary<int, string>> NamesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name FROM accounts");
        var names = new Dictionary<int, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names[reader.GetInt32(0)] = reader.GetString(1);
        }
        return names;
    }

    /// <summary>
    /// Runs <paramref name="sql"/>, narrowed to one event by <c>$1</c> (every event when null) and to the readable
    /// accounts by <c>$2</c>, handing each row to <paramref name="row"/>.
    /// </summary>
    private async Task EachRowAsync(
        string sql, long? eventId, AccountFilter accounts, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(Id(eventId));
        command.Parameters.Add(accounts.Parameter());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    private static NpgsqlParameter Id(long? id) =>
        new() { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint };
}
