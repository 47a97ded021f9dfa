using Npgsql;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// Writes the <c>sync_runs</c> rows: created when a run is triggered or starts, advanced inside each page's
/// transaction, closed when the run ends.
/// </summary>
public sealed class SyncRunLedger(NpgsqlDataSource dataSource, TimeProvider time)
{
    public static string HostName { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Creates a run row; returns its id.</summary>
    /// <param name="accountId">The account the run syncs; null for a run about the whole deployment.</param>
    public async Task<long> CreateAsync(
        int? accountId, string kind, string trigger, string status, DateTimeOffset? since, string? jobId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO sync_runs (account_id, kind, trigger, status, started_at, since, pages, orders_seen, orders_inserted,
                orders_updated, orders_refreshed, orders_unchanged, gaps_healed, orders_marked_missing, hangfire_job_id, host)
            VALUES (@account, @kind, @trigger, @status, @now, @since, 0, 0, 0, 0, 0, 0, 0, 0, @job, @host)
            RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter<int?>("account", accountId));
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("trigger", trigger);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("since", since?.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<string?>("job", jobId));
        command.Parameters.AddWithValue("host", HostName);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<SyncRun?> FindAsync(long runId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT kind, status, since, pages, trigger, account_id FROM sync_runs WHERE id = @id");
        command.Parameters.AddWithValue("id", runId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        return new SyncRun
        {
            Id = runId,
            Kind = reader.GetString(0),
            Status = reader.GetString(1),
            Since = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            Pages = reader.GetInt32(3),
            Trigger = reader.GetString(4),
            AccountId = reader.IsDBNull(5) ? null : reader.GetInt32(5),
        };
    }

    /// <summary>
    /// A triggered run (or a retried or re-queued one) starts or starts again on this host; an interrupted one
    /// is stamped as resumed.
    /// </summary>
    public async Task MarkRunningAsync(long runId, string? jobId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE sync_runs SET status = @status, heartbeat_at = @now, finished_at = NULL, error = NULL,
                host = @host, hangfire_job_id = COALESCE(@job, hangfire_job_id),
                resumed_at = CASE WHEN status = 'interrupted' THEN @now ELSE resumed_at END
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("status", SyncRunStatuses.Running);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("host", HostName);
        command.Parameters.Add(new NpgsqlParameter<string?>("job", jobId));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Marks as interrupted every run still said to be running by a host that is not alive: no id in
    /// <paramref name="liveServers"/> (Hangfire server ids, which start with the host name) names it, and it is
    /// not this process.
    /// </summary>
    /// <returns>The ids of the runs marked.</returns>
    public async Task<List<long>> MarkInterruptedAsync(IReadOnlyCollection<string> liveServers, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE sync_runs SET status = @interrupted, interruptions = interruptions + 1,
                error = 'interrupted: host ' || coalesce(host, '?') || ' stopped (its last sign of life ' ||
                        coalesce(to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'none') ||
                        '); its job resumes it from its checkpoint'
            WHERE status = @running AND coalesce(host, '') <> @me
              AND NOT EXISTS (SELECT 1 FROM unnest(@live) AS l(server) WHERE starts_with(l.server, lower(host) || ':'))
            RETURNING id
            """);
        command.Parameters.AddWithValue("interrupted", SyncRunStatuses.Interrupted);
        command.Parameters.AddWithValue("running", SyncRunStatuses.Running);
        command.Parameters.AddWithValue("live", liveServers.Select(s => s.ToLowerInvariant()).ToArray());
        command.Parameters.AddWithValue("me", HostName);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    /// <summary>
    /// Puts the account's newest interrupted run of <paramref name="kind"/> over the same range back in the queue,
    /// so a new trigger continues it from its checkpoint rather than starting over.
    /// </summary>
    /// <returns>The run requeued, or null when there is none to continue.</returns>
    public async Task<long?> RequeueInterruptedAsync(int accountId, string kind, DateTimeOffset since, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE sync_runs SET status = @queued, resumed_at = @now
            WHERE id = (SELECT id FROM sync_runs
                        WHERE account_id = @account AND kind = @kind AND status = @interrupted AND since = @since
                        ORDER BY id DESC LIMIT 1)
              AND status = @interrupted
            RETURNING id
            """);
        command.Parameters.AddWithValue("account", accountId);
        command.Parameters.AddWithValue("queued", SyncRunStatuses.Queued);
        command.Parameters.AddWithValue("interrupted", SyncRunStatuses.Interrupted);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("since", since.ToUniversalTime());
        return await command.ExecuteScalarAsync(ct) is long id ? id : null;
    }

    public async Task SetJobIdAsync(long runId, string jobId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("UPDATE sync_runs SET hangfire_job_id = @job WHERE id = @id");
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("job", jobId);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task SetSinceAsync(long runId, DateTimeOffset since, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("UPDATE sync_runs SET since = @since WHERE id = @id");
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("since", since.ToUniversalTime());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Adds a page's counts to the run, inside the page's transaction so they commit together.</summary>
    public async Task RecordPageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long runId, PageCounts counts, int pages, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE sync_runs SET pages = pages + @pages, orders_seen = orders_seen + @seen,
                orders_inserted = orders_inserted + @inserted, orders_updated = orders_updated + @updated,
                orders_refreshed = orders_refreshed + @refreshed, orders_unchanged = orders_unchanged + @unchanged, gaps_healed = gaps_healed + @healed,
                orders_marked_missing = orders_marked_missing + @missing, heartbeat_at = @now
            WHERE id = @id
            """, connection, transaction);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("pages", pages);
        command.Parameters.AddWithValue("seen", counts.Seen);
        command.Parameters.AddWithValue("inserted", counts.Inserted);
        command.Parameters.AddWithValue("updated", counts.Updated);
        command.Parameters.AddWithValue("refreshed", counts.Refreshed);
        command.Parameters.AddWithValue("unchanged", counts.Unchanged);
        command.Parameters.AddWithValue("healed", counts.GapsHealed);
        command.Parameters.AddWithValue("missing", counts.MarkedMissing);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records the run's QTickets requests and what its listings showed about the server.</summary>
    public async Task RecordApiAsync(long runId, ApiCallTally tally, CancellationToken ct)
    {
        var verdict = tally.Verdict;
        await using var command = dataSource.CreateCommand("""
            UPDATE sync_runs SET list_requests = @list, get_requests = @get, catalog_requests = @catalog,
                server_paid_filter = @paid, server_updated_filter = @updated, server_order = @order,
                server_page_size = @page_size
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("list", tally.ListRequests);
        command.Parameters.AddWithValue("get", tally.GetRequests);
        command.Parameters.AddWithValue("catalog", tally.CatalogRequests);
        command.Parameters.Add(new NpgsqlParameter<string?>("paid", Known(verdict.PaidFilter)));
        command.Parameters.Add(new NpgsqlParameter<string?>("updated", Known(verdict.UpdatedFilter)));
        command.Parameters.Add(new NpgsqlParameter<string?>("order", Known(verdict.Order)));
        command.Parameters.Add(new NpgsqlParameter<int?>("page_size", verdict.PageSize));
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string? Known(Compliance compliance) =>
        compliance == Compliance.Unknown ? null : ListingVerdict.Name(compliance);

    /// <summary>
    /// Closes a run. Uses a fresh pooled connection, not the run's own, which may be the very thing that broke.
    /// </summary>
    public async Task FinishAsync(long runId, string status, string? error, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE sync_runs SET status = @status, error = @error, finished_at = @now, heartbeat_at = @now
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.Add(new NpgsqlParameter<string?>("error", error));
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The daily sales drift check's finding, written with its repair.</summary>
    public static async Task RecordSalesDriftAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long runId, int differing, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("UPDATE sync_runs SET sales_rows_differing = @rows WHERE id = @id", connection, transaction);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("rows", differing);
        await command.ExecuteNonQueryAsync(ct);
    }
}
