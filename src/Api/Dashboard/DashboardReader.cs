using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Api.Alerts;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Sales;

namespace Qtickets.Sync.Api.Dashboard;

/// <summary>
/// Reads the dashboard from the same readers as <c>/api/v1</c> (sync status, daily sales per platform), so the
/// page and the API always show the same figures for the same filter, plus the last runs and failures.
/// </summary>
public sealed class DashboardReader(
    SyncStatusReader status,
    SalesReader sales,
    AlertFacts alerts,
    AccountDirectory accounts,
    NpgsqlDataSource dataSource,
    IOptionsMonitor<AlertOptions> alertOptions,
    IOptions<SalesOptions> salesOptions)
{
    public const int ChartDays = 30;
    public const int TopEventCount = 10;
    private const int RunCount = 10;
    private const int FailureCount = 10;
    private const int CommandCount = 10;

    /// <summary>The window of the apply lag tile: recent enough to show a backlog now, long enough for a p99.</summary>
    public static readonly TimeSpan ApplyLagWindow = TimeSpan.FromMinutes(5);

    /// <summary>The most deliveries the tile's p99 is taken over (the latest), so a burst never makes the page slow.</summary>
    private const int ApplyLagSample = 10_000;

    public Task<IReadOnlyList<SyncAccount>> AccountsAsync(CancellationToken cancellationToken) =>
        accounts.GetAllAsync(cancellationToken).AsTask();

    public async Task<DashboardModel> ReadAsync(DashboardFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var all = await accounts.GetAllAsync(cancellationToken);
        var shown = all.Where(filter.Includes).ToList();
        var scope = filter.Account is null && filter.Platform is null ? AccountFilter.All : new AccountFilter(shown.Select(a => a.Id).ToList());
        var facts = await status.ReadAsync(scope, cancellationToken);
        var conditions = await alerts.JudgeAsync(alertOptions.CurrentValue.EffectiveRules(), facts, cancellationToken);
        var zoneId = salesOptions.Value.TimeZone;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(facts.Now, zone).DateTime);
        var from = today.AddDays(-(ChartDays - 1));

        // Per platform, exactly as GET /api/v1/sales/daily?platform=…&account=…&event_id=… answers it.
        var rows = new List<(string Platform, DailySalesRowDto Row)>();
        foreach (var platform in filter.Platforms)
        {
            var query = new DailySalesQuery(zoneId, filter.EventId, from, today, "event", platform) { Accounts = scope };
            var (source, _) = await sales.PlanAsync(query, cancellationToken);
            await foreach (var row in sales.DailyAsync(query, source, cancellationToken))
            {
                rows.Add((platform, row));
            }
        }
        var eventKeys = rows.Select(r => (r.Platform, r.Row.Account!, r.Row.EventId!.Value)).Distinct().ToList();
        if (filter.EventId is { } chosen)
        {
            eventKeys.AddRange(shown.Select(a => (filter.Platform!, a.Name, chosen)));
        }
        var (runs, failures, names, commands, applyLag) = await ReadRunsAndFailuresAsync(scope, eventKeys, facts.Now - ApplyLagWindow, cancellationToken);

        PlatformSplit Split(IEnumerable<(string Platform, DailySalesRowDto Row)> part)
        {
            var byPlatform = filter.Platforms.ToDictionary(p => p, _ => SalesFigures.Zero, StringComparer.Ordinal);
            foreach (var (platform, row) in part)
            {
                byPlatform[platform] = byPlatform[platform].Add(SalesFigures.Of(row));
            }
            return new PlatformSplit(byPlatform);
        }
        var byDay = rows.ToLookup(r => r.Row.Day!.Value);
        var days = Enumerable.Range(0, ChartDays).Select(i => from.AddDays(i)).Select(d => new SalesDay(d, Split(byDay[d]))).ToList();
        var top = rows.GroupBy(r => (r.Platform, Account: r.Row.Account!, Event: r.Row.EventId!.Value))
            .Select(g => new EventSales(g.Key.Platform, g.Key.Account, g.Key.Event, names.GetValueOrDefault(g.Key),
                SalesFigures.Sum(g.Select(r => SalesFigures.Of(r.Row)))))
            .OrderByDescending(e => e.Sales.Net).ThenBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.EventId)
            .Take(TopEventCount).ToList();
        var eventName = filter.EventId is { } e
            ? names.Where(n => n.Key.Platform == filter.Platform && n.Key.Event == e && (filter.Account is null || n.Key.Account == filter.Account))
                .Select(n => n.Value).FirstOrDefault(n => n is not null) ?? $"#{e}"
            : null;

        var health = facts.Accounts
            .Select(a => new AccountHealth { Status = a, Alerts = conditions.Where(c => c.Account == a.Account).ToList() })
            .OrderBy(a => a.Healthy).ThenBy(a => a.Account, StringComparer.Ordinal).ToList();
        var named = health.Select(a => a.Account).ToHashSet(StringComparer.Ordinal);
        return new DashboardModel
        {
            Now = facts.Now,
            TimeZone = zoneId,
            Today = today,
            Filter = filter,
            AccountChoices = all.Select(a => (a.Name, a.Platform)).OrderBy(a => a.Name, StringComparer.Ordinal).ToList(),
            Status = facts,
            DeploymentReasons = conditions.Where(c => c.Active && !named.Contains(c.Account)).Select(c => c.Detail).Distinct().ToList(),
            Accounts = health,
            Runs = runs,
            Sales = new SalesOverview
            {
                Platforms = filter.Platforms,
                Days = days,
                EventName = eventName,
                Today = Split(byDay[today]),
                TopEvents = top,
            },
            Failures = failures,
            Commands = commands,
            ApplyLag = applyLag,
        };
    }

    private async Task<(List<RunRow>, List<FailureRow>, Dictionary<(string Platform, string Account, long Event), string?>, List<CommandRow>, ApplyLagFigure)> ReadRunsAndFailuresAsync(
        AccountFilter scope, IReadOnlyList<(string Platform, string Account, long Event)> events, DateTimeOffset lagSince, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"""
            SELECT r.id, a.name, r.kind, r.status, r.started_at, r.finished_at, r.orders_seen, r.orders_inserted, r.orders_updated, r.gaps_healed, r.orders_refreshed
            FROM sync_runs r JOIN accounts a ON a.id = r.account_id
            WHERE $1::integer[] IS NULL OR r.account_id = ANY($1)
            ORDER BY r.started_at DESC, r.id DESC LIMIT {RunCount}
            """, scope.Parameter()));
        batch.BatchCommands.Add(Command($"""
            SELECT f.kind, f.id, f.at, a.name, f.what, f.reason FROM (
                SELECT 'delivery' AS kind, id, coalesce(processed_at, received_at) AS at, account_id,
                       coalesce(event_type, '?') || coalesce(' #' || order_id, '') AS what, reason
                FROM webhook_deliveries WHERE status = $1 AND ($3::integer[] IS NULL OR account_id = ANY($3))
                UNION ALL
                SELECT 'run', id, coalesce(finished_at, started_at), account_id, kind, error
                FROM sync_runs WHERE status = $2 AND ($3::integer[] IS NULL OR account_id = ANY($3))
                ORDER BY 3 DESC LIMIT {FailureCount}) f
            LEFT JOIN accounts a ON a.id = f.account_id
            ORDER BY f.at DESC
            """,
            new NpgsqlParameter { Value = DeliveryStatuses.Failed, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = SyncRunStatuses.Failed, NpgsqlDbType = NpgsqlDbType.Text },
            scope.Parameter()));
        // Event names of both platforms, by the key daily sales use (a Ticketscloud event's sales_key).
        batch.BatchCommands.Add(Command("""
            SELECT 'qtickets', a.name, e.id, e.name FROM qtickets_events e JOIN accounts a ON a.id = e.account_id
            WHERE e.id = ANY($1)
            UNION ALL
            SELECT 'ticketscloud', a.name, e.sales_key, e.title FROM ticketscloud_events e JOIN accounts a ON a.id = e.account_id
            WHERE e.sales_key = ANY($2)
            """,
            Ids(events, SalesSource.Qtickets), Ids(events, SalesSource.Ticketscloud)));
        batch.BatchCommands.Add(Command($"""
            SELECT c.id, a.name, c.order_id, c.action, c.state, c.created_at, c.error
            FROM order_commands c JOIN accounts a ON a.id = c.account_id
            WHERE $1::integer[] IS NULL OR c.account_id = ANY($1)
            ORDER BY c.created_at DESC, c.id DESC LIMIT {CommandCount}
            """, scope.Parameter()));
        batch.BatchCommands.Add(Command($"""
            SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM d.processed_at - d.received_at)), count(*)::integer
            FROM (SELECT received_at, processed_at FROM webhook_deliveries
                  WHERE received_at >= $1 AND status = $2 AND ($3::integer[] IS NULL OR account_id = ANY($3))
                  ORDER BY received_at DESC LIMIT {ApplyLagSample}) d
            """,
            new NpgsqlParameter { Value = lagSince, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            new NpgsqlParameter { Value = DeliveryStatuses.Applied, NpgsqlDbType = NpgsqlDbType.Text },
            scope.Parameter()));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var runs = new List<RunRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RunRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                OrderRows.Instant(reader, 5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10)));
        }
        await reader.NextResultAsync(cancellationToken);
        // Errors are the platforms' and the applier's words, which may quote a buyer; the page shows none (below too).
        var failures = new List<FailureRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            failures.Add(new FailureRow(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), OrderRows.Text(reader, 3) ?? "",
                reader.GetString(4), PiiMask.EmailsIn(OrderRows.Text(reader, 5))));
        }
        await reader.NextResultAsync(cancellationToken);
        var names = new Dictionary<(string Platform, string Account, long Event), string?>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names[(reader.GetString(0), reader.GetString(1), reader.GetInt64(2))] = OrderRows.Text(reader, 3);
        }
        await reader.NextResultAsync(cancellationToken);
        var commands = new List<CommandRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            commands.Add(new CommandRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), PiiMask.EmailsIn(OrderRows.Text(reader, 6))));
        }
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var applyLag = new ApplyLagFigure(reader.IsDBNull(0) ? null : reader.GetDouble(0), reader.GetInt32(1));
        return (runs, failures, names, commands, applyLag);
    }

    private static NpgsqlParameter Ids(IEnumerable<(string Platform, string Account, long Event)> events, string platform) =>
        new() { Value = events.Where(e => e.Platform == platform).Select(e => e.Event).Distinct().ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
