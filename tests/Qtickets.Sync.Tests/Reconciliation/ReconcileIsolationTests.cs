using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Qtickets.Reconcile;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>One bad order in a reconcile page is set aside; the page and the run go on.</summary>
public sealed class ReconcileIsolationTests(ReconcileFactory factory) : IClassFixture<ReconcileFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_future_dated_order_is_quarantined_a_refused_one_recorded_as_failed_and_the_rest_applied()
    {
        var good = Enumerable.Range(1, 3).Select(i => UpstreamOrders.Paid(Now.AddHours(-3).AddMinutes(i))).ToArray();
        var future = UpstreamOrders.Paid(new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var refused = UpstreamOrders.Paid(Now.AddHours(-2));
        // A NUL escape: valid JSON, but jsonb refuses it, so the database rejects this order's row.
        refused.Raw = refused.Raw.Replace("}", ",\"client_name\":\"Ivan\\u0000\"}", StringComparison.Ordinal);
        factory.Upstream.Put([.. good, future, refused]);

        var status = await factory.Services.GetRequiredService<ReconcileJobs>().RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None);

        Assert.Equal(SyncRunStatuses.Succeeded, status);
        await using var db = factory.CreateDbContext();
        var stored = await db.Orders.AsNoTracking().Select(o => o.Id).ToListAsync();
        Assert.Equal(good.Select(o => o.Id).Order(), stored.Order());
        var setAside = await db.WebhookDeliveries.AsNoTracking().Where(d => d.EventType == SetAsideOrders.EventType).ToDictionaryAsync(d => d.OrderId!.Value);
        Assert.Equal(DeliveryStatuses.Quarantined, setAside[future.Id].Status);
        Assert.Equal(DeliveryStatuses.Failed, setAside[refused.Id].Status);
        Assert.False(string.IsNullOrEmpty(setAside[refused.Id].Reason));
        var watermark = await db.SyncStates.AsNoTracking().SingleAsync(s => s.Key == SyncStateKeys.OrdersWatermark);
        Assert.True(watermark.Watermark < Now.AddDays(1), $"watermark {watermark.Watermark:O} followed the future-dated order");
    }

    [Fact]
    public async Task An_order_whose_text_the_driver_cannot_encode_is_set_aside_and_the_rest_of_the_page_written()
    {
        var good = UpstreamOrders.Paid(Now.AddHours(-3));
        var unencodable = UpstreamOrders.Paid(Now.AddHours(-2));
        // A lone surrogate has no UTF-8 form: Npgsql refuses the string before the server sees it.
        unencodable.Uniqid = "\ud800";
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var account = await factory.Services.GetRequiredService<AccountDirectory>().GetAsync(Account.DefaultName, CancellationToken.None);
        var run = new SyncRunContext(0, "incremental", null, connection, NullLogger.Instance, CancellationToken.None) { Account = account };

        var counts = await factory.Services.GetRequiredService<OrderPageWriter>().WriteAsync(run, [good, unencodable], "reconcile");

        Assert.Equal((1, 1), (counts.Seen, counts.SetAside));
        await using var db = factory.CreateDbContext();
        Assert.Equal([good.Id], await db.Orders.AsNoTracking().Select(o => o.Id).ToListAsync());
        var setAside = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.OrderId == unencodable.Id);
        Assert.Equal((SetAsideOrders.EventType, DeliveryStatuses.Failed), (setAside.EventType, setAside.Status));
    }
}
