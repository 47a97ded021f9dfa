using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.PersonalData;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.PersonalData;

/// <summary>The service keeping buyers' data 30 days after their event, on a clock the test sets.</summary>
public sealed class RetentionFactory : SyncApiFactory
{
    public const int RetainDays = 30;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 3, 15, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["PersonalData:RetainDays"] = RetainDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.UseClock(Clock));
    }
}

public sealed class RetentionTests(RetentionFactory factory) : IClassFixture<RetentionFactory>
{
    [Fact]
    public async Task Buyers_of_an_event_that_ended_more_than_the_retention_ago_are_masked_and_the_rest_kept()
    {
        var now = factory.Clock.GetUtcNow();
        var old = await ArrangeAsync(orderId: 91001, eventId: 901, ended: now.AddDays(-(RetentionFactory.RetainDays + 1)));
        var recent = await ArrangeAsync(orderId: 91002, eventId: 902, ended: now.AddDays(-(RetentionFactory.RetainDays - 1)));

        var counts = await factory.GetRequiredService<PersonalDataRetention>().RunAsync(CancellationToken.None);

        Assert.Equal(1, counts["qtickets_orders"]);
        await using var db = factory.CreateDbContext();
        var masked = await db.Orders.AsNoTracking().Include(o => o.Baskets).SingleAsync(o => o.Id == old.Id);
        Assert.Null(masked.ClientEmail);
        Assert.Null(masked.ClientPhone);
        Assert.Null(masked.ClientName);
        Assert.DoesNotContain("username@gmail.com", masked.Raw, StringComparison.Ordinal);
        Assert.All(masked.Baskets, b => Assert.Null(b.ClientEmail));
        Assert.Equal(old.Price, masked.Price);
        Assert.Equal(old.Baskets.Select(b => (b.Barcode, b.Price, b.SeatId)), masked.Baskets.OrderBy(b => b.Id).Select(b => (b.Barcode, b.Price, b.SeatId)));
        var kept = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == recent.Id);
        Assert.Equal("username@gmail.com", kept.ClientEmail);
        Assert.Equal("+79100000000", kept.ClientPhone);
        Assert.Contains("username@gmail.com", kept.Raw, StringComparison.Ordinal);
    }

    private async Task<Order> ArrangeAsync(long orderId, long eventId, DateTimeOffset ended)
    {
        var order = SampleOrders.Order4360();
        order.Id = orderId;
        order.EventId = eventId;
        order.Raw = """{"id":1,"client":{"email":"username@gmail.com","phone":"+79100000000","name":"Иван"}}""";
        foreach (var basket in order.Baskets)
        {
            basket.Id += orderId * 10;
            basket.OrderId = orderId;
            basket.Barcode += orderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await using (var db = factory.CreateDbContext())
        {
            db.Events.Add(new Event { Id = eventId, Name = "Concert", SyncedAt = ended });
            db.Shows.Add(new Show { Id = eventId * 10, EventId = eventId, StartDate = ended.AddHours(-3), FinishDate = ended, SyncedAt = ended });
            await db.SaveChangesAsync();
        }
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await factory.GetRequiredService<OrderUpserter>().UpsertAsync(connection, null, Account.DefaultId, [order], "reconcile", new ChangeOrigin(ChangeSources.Incremental, null), CancellationToken.None);
        return order;
    }
}
