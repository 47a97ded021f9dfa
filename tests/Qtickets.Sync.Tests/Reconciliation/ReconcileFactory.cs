using Npgsql;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>The service (no job server) with QTickets replaced by a <see cref="FakeQticketsClient"/>; pages of 2.</summary>
public sealed class ReconcileFactory : SyncApiFactory
{
    protected override bool UsesFakeUpstream => true;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Reconcile:PageSize"] = "2";
            settings["Reconcile:InitialHorizonHours"] = "720";
            return settings;
        }
    }

    /// <summary>
    /// Empties the mirror and the fake between tests of one class (they share a database). The account is left past
    /// its first sync, so an incremental run walks changes as these tests expect (first syncs: <c>FirstSyncTests</c>).
    /// </summary>
    public async Task ResetAsync()
    {
        Upstream.Reset();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            TRUNCATE qtickets_baskets, qtickets_orders, qtickets_shows, qtickets_events, sync_runs, sync_state, audit_findings, audit_results, order_change_states, order_changes;
            INSERT INTO sync_state (account_id, key, checkpoint, updated_at)
            VALUES (1, 'initial_load', '{"listing":"orders","page":0,"pages_done":0,"started":"2024-01-01T00:00:00Z","done":true}', now())
            """, connection);
        await command.ExecuteNonQueryAsync();
    }
}
