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
            return settings;
        }
    }

    /// <summary>Empties the mirror and the fake between tests of one class (they share a database).</summary>
    public async Task ResetAsync()
    {
        Upstream.Reset();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "TRUNCATE qtickets_baskets, qtickets_orders, qtickets_shows, qtickets_events, sync_runs, sync_state", connection);
        await command.ExecuteNonQueryAsync();
    }
}
