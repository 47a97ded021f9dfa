using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Api.Alerts;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.Dashboard;

/// <summary>
/// Reads the dashboard from the same readers as <c>/api/v1</c> (sync status, daily sales), so the page and the
/// API always show the same figures, plus the last runs and failures.
/// </summary>
public sealed class DashboardReader(
    SyncStatusReader status,
    SalesReader sales,
    AlertFacts alerts,
    NpgsqlDataSource dataSource,
    IOptionsMonitor<AlertOptions> alertOptions,
    IOptions<SalesOptions> salesOptions)
{
    public const int ChartDays = 30;
    public const int TopEventCount = 10;
    private const int RunCount = 8;
    private const int FailureCount = 10;
    private const int CommandCount = 10;

    public async Task<DashboardModel> ReadAsync(long? eventId, CancellationToken cancellationToken)
    {
        var facts = await status.ReadAsync(cancellationToken);
        var conditions = await alerts.JudgeAsync(alertOptions.CurrentValue.EffectiveRules(), facts, cancellationToken);
        var zoneId = salesOptions.Value.TimeZone;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(facts.Now, zone).DateTime);
        var from = today.AddDays(-(ChartDays - 1));

        // The maintained daily sales table (by event) when it is current; its own plan says when it is not.
        var query = new DailySalesQuery(zoneId, null, from, today);
        var (source, _) = await sales.PlanAsync(query, cancellationToken);
        var rows = new List<DailySalesRowDto>();
        await foreach (var row in sales.DailyAsync(query, source, cancellationToken))
        {
            rows.Add(row);
        }
        var (runs, failures, names, commands) = await ReadRunsAndFailuresAsync(rows.Select(r => r.EventId!.Value).Distinct().ToArray(), cancellationToken);

        var chosen = eventId is { } id ? rows.Where(r => r.EventId == id).ToList() : rows;
        var byDay = chosen.GroupBy(r => r.Day!.Value).ToDictionary(g => g.Key, g => (Net: g.Sum(r => r.Net), Tickets: g.Sum(r => r.TicketsSold)));
        var days = Enumerable.Range(0, ChartDays).Select(i => from.AddDays(i))
            .Select(d => byDay.TryGetValue(d, out var v) ? new SalesDay(d, v.Net, v.Tickets) : new SalesDay(d, 0m, 0)).ToList();
        var todayRows = rows.Where(r => r.Day == today).ToList();
        var top = rows.GroupBy(r => r.EventId!.Value)
            .Select(g => new EventSales(g.Key, names.GetValueOrDefault(g.Key), g.Sum(r => r.Net), g.Sum(r => r.TicketsSold)))
            .OrderByDescending(e => e.Net).ThenBy(e => e.EventId).Take(TopEventCount).ToList();

        return new DashboardModel
        {
            Now = facts.Now,
            TimeZone = zoneId,
            Today = today,
            Accounts = [new AccountHealth { Account = AlertOptions.DefaultAccount, Status = facts, Alerts = conditions, Runs = runs }],
            Sales = new SalesOverview
            {
                Days = days,
                EventId = eventId,
                EventName = eventId is { } e ? names.GetValueOrDefault(e) ?? $"#{e}" : null,
                TodayTickets = todayRows.Sum(r => r.TicketsSold),
                TodayRevenue = todayRows.Sum(r => r.Gross),
                TodayNet = todayRows.Sum(r => r.Net),
                TopEvents = top,
            },
            Failures = failures,
            Commands = commands,
        };
    }

    private async Task<(List<RunRow>, List<FailureRow>, Dictionary<long, string?>, List<CommandRow>)> ReadRunsAndFailuresAsync(long[] eventIds, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"""
            SELECT id, kind, status, started_at, finished_at, orders_seen, orders_inserted, orders_updated, gaps_healed, orders_refreshed
            FROM sync_runs ORDER BY started_at DESC, id DESC LIMIT {RunCount}
            """));
        batch.BatchCommands.Add(Command($"""
            SELECT 'delivery', id, coalesce(processed_at, received_at), coalesce(event_type, '?') || coalesce(' #' || order_id, ''), reason
            FROM webhook_deliveries WHERE status = $1
            UNION ALL
            SELECT 'run', id, coalesce(finished_at, started_at), kind, error FROM sync_runs WHERE status = $2
            ORDER BY 3 DESC LIMIT {FailureCount}
            """,
            new NpgsqlParameter { Value = DeliveryStatuses.Failed, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = SyncRunStatuses.Failed, NpgsqlDbType = NpgsqlDbType.Text }));
        batch.BatchCommands.Add(Command("SELECT id, name FROM qtickets_events WHERE id = ANY($1)",
            new NpgsqlParameter { Value = eventIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint }));
        batch.BatchCommands.Add(Command($"""
            SELECT c.id, a.name, c.order_id, c.action, c.state, c.created_at, c.error
            FROM order_commands c JOIN accounts a ON a.id = c.account_id
            ORDER BY c.created_at DESC, c.id DESC LIMIT {CommandCount}
            """));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var runs = new List<RunRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RunRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                OrderRows.Instant(reader, 4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9)));
        }
        await reader.NextResultAsync(cancellationToken);
        // Errors are the platforms' and the applier's words, which may quote a buyer; the page shows none (below too).
        var failures = new List<FailureRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            failures.Add(new FailureRow(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3),
                PiiMask.EmailsIn(OrderRows.Text(reader, 4))));
        }
        await reader.NextResultAsync(cancellationToken);
        var names = new Dictionary<long, string?>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names[reader.GetInt64(0)] = OrderRows.Text(reader, 1);
        }
        await reader.NextResultAsync(cancellationToken);
        var commands = new List<CommandRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            commands.Add(new CommandRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), PiiMask.EmailsIn(OrderRows.Text(reader, 6))));
        }
        return (runs, failures, names, commands);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
