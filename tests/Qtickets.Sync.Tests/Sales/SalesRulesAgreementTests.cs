using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Sales;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.Support.RealShapeOrders;

namespace Qtickets.Sync.Tests.Sales;

/// <summary>
/// The same orders fed to the Domain rules, the SQL recompute and the maintained table, through the real write
/// path (the order upserter, the full sweep's upstream-missing mark): every row must agree to the kopeck.
/// </summary>
public class SalesRulesAgreementTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    [Fact]
    public async Task Domain_rules_recompute_and_table_agree_on_the_real_shapes_as_they_change()
    {
        var orders = All();
        // H is first listed with both baskets, then a newer payload drops one: the upserter marks it vanished.
        var listedFirst = WithVanishedBasket(vanished: false);
        listedFirst.UpdatedAt = listedFirst.SourceUpdatedAt = listedFirst.UpdatedAt.AddMinutes(-1);
        listedFirst.Raw = """{"id":7008,"v":"both baskets"}""";
        await UpsertAsync(listedFirst);
        var listedLater = WithVanishedBasket(vanished: false);
        listedLater.Baskets.RemoveAt(1);
        await UpsertAsync([.. orders.Select(o => o.Id == listedLater.Id ? listedLater : o)]);
        await TestSql.ExecuteAsync(factory.ConnectionString,
            $"UPDATE qtickets_orders SET upstream_missing_at = now(), upstream_missing_reason = 'test' WHERE id = {UpstreamMissing().Id}");
        await SalesTable.FoldAsync(factory);

        var expected = DailySales.Compute(orders, Moscow);
        Assert.Equal(ExpectedMoscow.Length, expected.Count);
        Assert.Equal(expected, await SalesTable.RecomputeAsync(factory.ConnectionString, "Europe/Moscow"));
        Assert.Equal(expected, await SalesTable.TableAsync(factory.ConnectionString));

        // Later: C refunded one ticket on the 20th with a deduction; G listed again (the upserter clears the mark).
        var refunded = FeeSplit();
        refunded.UpdatedAt = refunded.SourceUpdatedAt = new DateTimeOffset(2025, 3, 20, 12, 0, 0, TimeSpan.FromHours(3));
        refunded.Baskets[1].RefundedAt = refunded.Baskets[1].DeletedAt = refunded.UpdatedAt;
        refunded.Baskets[1].RefundedAmount = 1000m;
        refunded.Baskets[1].RefundedDeductionAmount = 100m;
        refunded.SourceProgress = OrderProgress.Of(refunded);
        refunded.Raw = """{"id":7003,"v":"refunded"}""";
        var relisted = UpstreamMissing();
        relisted.UpstreamMissingAt = null;
        relisted.UpdatedAt = relisted.SourceUpdatedAt = relisted.UpdatedAt.AddDays(5);
        relisted.Raw = """{"id":7007,"v":"relisted"}""";
        await UpsertAsync(refunded, relisted);
        await SalesTable.FoldAsync(factory);

        orders[2] = refunded;
        orders[6] = relisted;
        var after = DailySales.Compute(orders, Moscow);
        Assert.NotEqual(expected, after);
        Assert.Equal(after, await SalesTable.RecomputeAsync(factory.ConnectionString, "Europe/Moscow"));
        Assert.Equal(after, await SalesTable.TableAsync(factory.ConnectionString));
        Assert.Contains(after, r => r.Day == new DateOnly(2025, 3, 20) && r.Refunds == 1000m);
    }

    private async Task UpsertAsync(params Order[] orders)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await factory.GetRequiredService<OrderUpserter>().UpsertAsync(connection, null, Account.DefaultId, orders, OrderSources.Webhook, new ChangeOrigin(ChangeSources.Webhook, null), CancellationToken.None);
    }
}
