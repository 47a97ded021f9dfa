using Microsoft.Extensions.Logging;
using Npgsql;
using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Qtickets.Reconcile;

/// <summary>Mirrors an account's events and their shows, one set-based upsert per page of events.</summary>
public sealed partial class CatalogSynchronizer(QticketsClients clients, SyncRunLedger ledger, ReconcileMetrics metrics, TimeProvider time)
{
    private static readonly UnnestSet<Event> EventColumns = new("p",
    [
        UnnestColumn.BigInt<Event>("id", e => e.Id),
        UnnestColumn.Text<Event>("name", e => e.Name),
        UnnestColumn.Bool<Event>("is_active", e => e.IsActive),
        UnnestColumn.Text<Event>("currency_id", e => e.CurrencyId),
        UnnestColumn.Text<Event>("place_name", e => e.PlaceName),
        UnnestColumn.Text<Event>("place_address", e => e.PlaceAddress),
        UnnestColumn.BigInt<Event>("city_id", e => e.CityId),
        UnnestColumn.Text<Event>("site_url", e => e.SiteUrl),
        UnnestColumn.Text<Event>("external_id", e => e.ExternalId),
        UnnestColumn.Time<Event>("deleted_at", e => e.DeletedAt),
        UnnestColumn.Json<Event>("raw", e => e.Raw),
    ]);

    private static readonly UnnestSet<Show> ShowColumns = new("p",
    [
        UnnestColumn.BigInt<Show>("id", s => s.Id),
        UnnestColumn.BigInt<Show>("event_id", s => s.EventId),
        UnnestColumn.Bool<Show>("is_active", s => s.IsActive),
        UnnestColumn.Time<Show>("start_date", s => s.StartDate),
        UnnestColumn.Time<Show>("finish_date", s => s.FinishDate),
        UnnestColumn.Time<Show>("open_date", s => s.OpenDate),
        UnnestColumn.Time<Show>("sale_start_date", s => s.SaleStartDate),
        UnnestColumn.Time<Show>("sale_finish_date", s => s.SaleFinishDate),
        UnnestColumn.Json<Show>("raw", s => s.Raw),
    ]);

    /// <summary>Rows whose payload did not change are left alone, so an hourly sync does not churn the tables.</summary>
    private static readonly MirrorTable<Event> Events = new("qtickets_events", "t", EventColumns);

    private static readonly MirrorTable<Show> Shows = new("qtickets_shows", "t", ShowColumns);

    private static readonly string EventSql = Events.UpsertBatch;
    private static readonly string ShowSql = Shows.UpsertBatch;

    public async Task RunAsync(SyncRunContext run)
    {
        var client = clients.For(run.RequireAccount());
        var events = 0;
        var shows = 0;
        await foreach (var page in client.ListEventsAsync(run.Stopping))
        {
            var pageEvents = page.DistinctBy(e => e.Id).OrderBy(e => e.Id).ToList();
            var pageShows = pageEvents.SelectMany(e => e.Shows.Select(s => { s.EventId = e.Id; return s; }))
                .DistinctBy(s => s.Id).OrderBy(s => s.Id).ToList();

            await using var transaction = await run.Connection.BeginTransactionAsync(CancellationToken.None);
            await UpsertAsync(run.Connection, transaction, run.AccountId, EventSql, Events, pageEvents);
            await UpsertAsync(run.Connection, transaction, run.AccountId, ShowSql, Shows, pageShows);
            await ledger.RecordPageAsync(run.Connection, transaction, run.RunId, default, 1, CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            metrics.PageCommitted(run, 1, default);
            events += pageEvents.Count;
            shows += pageShows.Count;
        }
        LogDone(run.Logger, events, shows);
    }

    private async Task UpsertAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int accountId, string sql, MirrorTable<T> table, IReadOnlyList<T> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var command = table.Command(sql, connection, transaction, accountId, time.GetUtcNow(), rows);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog synced: {Events} events, {Shows} shows")]
    private static partial void LogDone(ILogger logger, int events, int shows);
}
