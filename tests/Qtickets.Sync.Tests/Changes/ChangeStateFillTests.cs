using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Changes;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Changes;

/// <summary>
/// ADR 0023's upgrade: changes recorded before their order states were kept get the order as it is now, in batches,
/// while the changes written since keep the state they were written with.
/// </summary>
public class ChangeStateFillTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    [Fact]
    public async Task Changes_older_than_states_get_the_order_as_it_is_now_and_newer_ones_keep_theirs()
    {
        var first = ChangeTestOrders.New();
        var second = ChangeTestOrders.New();
        await ApplyAsync(first, second);
        await ApplyAsync(ChangeTestOrders.Version(first, 1, o => o.Price = 1_001), ChangeTestOrders.New());
        // As a database upgraded from a version that kept no states holds them.
        await TestSql.ExecuteAsync(factory.ConnectionString, "DELETE FROM order_change_states");
        await ApplyAsync(ChangeTestOrders.Version(second, 2, o => o.Price = 1_002));
        await ApplyAsync(ChangeTestOrders.Version(second, 3, o => o.Price = 1_003));
        var fill = new ChangeStateFill(
            factory.GetRequiredService<NpgsqlDataSource>(), Options.Create(new ChangeFeedOptions { BaselineBatch = 2 }), NullLogger<ChangeStateFill>.Instance);

        Assert.Equal(4, await fill.RunAsync(CancellationToken.None));

        Assert.Equal(0L, await TestSql.ScalarAsync<long>(factory.ConnectionString, "SELECT count(*) FROM order_changes c WHERE NOT EXISTS (SELECT 1 FROM order_change_states s WHERE s.position = c.position)"));
        // Both of the first order's entries show it now; the second's old entry shows it now, its two new ones what each wrote.
        Assert.Equal([1_001m, 1_001m], await TotalsAsync(first));
        Assert.Equal([1_003m, 1_002m, 1_003m], await TotalsAsync(second));
        Assert.Equal(0, await fill.RunAsync(CancellationToken.None));
    }

    private async Task ApplyAsync(params Order[] orders)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await factory.GetRequiredService<OrderUpserter>().UpsertAsync(
            connection, null, Account.DefaultId, orders, OrderSources.Reconcile, ChangeOrigin.OfRun(ChangeSources.Incremental, 1), CancellationToken.None);
    }

    /// <summary>The totals of the order's history entries, newest first.</summary>
    private async Task<List<decimal>> TotalsAsync(Order order)
    {
        var history = await factory.GetRequiredService<ChangeReader>()
            .HistoryAsync(Account.DefaultId, order.Id.ToString(CultureInfo.InvariantCulture), pii: false, CancellationToken.None);
        return [.. history!.Items.Select(e => e.Order!.Total)];
    }
}
