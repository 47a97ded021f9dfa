using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>The service (no job server) with QTickets replaced by a <see cref="FakeQticketsClient"/>; pages of 2.</summary>
public sealed class ReconcileFactory : SyncApiFactory
{
    public FakeQticketsClient Upstream { get; } = new();

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Reconcile:PageSize"] = "2";
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IQticketsClient>();
            services.AddSingleton<IQticketsClient>(Upstream);
        });
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
