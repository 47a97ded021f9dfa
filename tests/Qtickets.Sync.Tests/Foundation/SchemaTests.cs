using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Foundation;

public class SchemaTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    [Fact]
    public async Task Starting_the_service_applies_every_migration()
    {
        await using var db = factory.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public void The_checked_in_migrations_match_the_model()
    {
        using var db = factory.CreateDbContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The EF model changed without a migration: run dotnet ef migrations add.");
    }

    [Theory]
    [InlineData("qtickets_orders", "price", "numeric")]
    [InlineData("qtickets_orders", "payed_at", "timestamp with time zone")]
    [InlineData("qtickets_orders", "raw", "jsonb")]
    [InlineData("qtickets_orders", "source_updated_at", "timestamp with time zone")]
    [InlineData("qtickets_orders", "synced_at", "timestamp with time zone")]
    [InlineData("qtickets_baskets", "refunded_amount", "numeric")]
    [InlineData("qtickets_baskets", "related_baskets", "ARRAY")]
    [InlineData("qtickets_baskets", "raw", "jsonb")]
    [InlineData("webhook_deliveries", "headers", "jsonb")]
    [InlineData("sync_runs", "gaps_healed", "integer")]
    [InlineData("sync_state", "watermark", "timestamp with time zone")]
    public async Task Columns_have_the_types_a_report_writer_relies_on(string table, string column, string type)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT data_type FROM information_schema.columns WHERE table_name = @t AND column_name = @c", connection);
        command.Parameters.AddWithValue("t", table);
        command.Parameters.AddWithValue("c", column);

        Assert.Equal(type, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Daily_sales_says_three_tickets_and_800_for_seed_order_4360()
    {
        await using (var db = factory.CreateDbContext())
        {
            db.Orders.Add(SampleOrders.Order4360());
            await db.SaveChangesAsync();
        }
        await SalesTable.FoldAsync(factory);

        await using var read = factory.CreateDbContext();
        var row = await read.DailySales.SingleAsync(r => r.EventId == 33);

        Assert.Equal("qtickets", row.Source);
        Assert.Equal(new DateOnly(2019, 7, 30), row.Day);
        Assert.Equal(1, row.PaidOrders);
        Assert.Equal(3, row.TicketsSold);
        Assert.Equal(41, row.ShowId);
        Assert.Equal(800m, row.Gross);
        Assert.Equal(0m, row.Refunds);
    }

    [Fact]
    public async Task Daily_sales_in_another_time_zone_moves_a_late_evening_sale_to_the_next_day()
    {
        var order = SampleOrders.Order4360();
        order.Id = 9_004_360;
        order.EventId = 34;
        foreach (var basket in order.Baskets)
        {
            basket.Id += 9_000_000;
            basket.OrderId = order.Id;
        }
        order.PayedAt = new DateTimeOffset(2019, 7, 30, 23, 30, 0, TimeSpan.FromHours(3));
        await using (var db = factory.CreateDbContext())
        {
            db.Orders.Add(order);
            await db.SaveChangesAsync();
        }

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT day FROM qtickets_daily_sales('Asia/Yekaterinburg', 34)", connection);

        Assert.Equal(new DateOnly(2019, 7, 31), await command.ExecuteScalarAsync());
    }
}
