using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Tests.Support;

/// <summary>The QTickets emulator's paid orders (its truth endpoint) against the mirror's, order by order and ticket by ticket.</summary>
public static class MirrorTruth
{
    public static async Task<Dictionary<long, Order>> PaidTruthAsync(HttpClient control)
    {
        using var page = JsonDocument.Parse(await control.GetStringAsync(new Uri("/emulator/truth/orders?per_page=100000", UriKind.Relative)));
        return page.RootElement.GetProperty("data").EnumerateArray()
            .Select(o => OrderPayloadParser.Parse(Encoding.UTF8.GetBytes(o.GetRawText())))
            .Where(o => o.Payed)
            .ToDictionary(o => o.Id);
    }

    public static async Task<Dictionary<long, Order>> PaidMirrorAsync(SyncApiFactory factory)
    {
        await using var db = factory.CreateDbContext();
        return await db.Orders.AsNoTracking().Include(o => o.Baskets).Where(o => o.Payed).ToDictionaryAsync(o => o.Id);
    }

    public static void AssertSame(Order expected, Order actual)
    {
        Assert.Equal((expected.UpdatedAt, expected.PayedAt, expected.DeletedAt, expected.Price), (actual.UpdatedAt, actual.PayedAt, actual.DeletedAt, actual.Price));
        var live = actual.Baskets.Where(b => b.VanishedAt is null).OrderBy(b => b.Id)
            .Select(b => (b.Id, b.Price, b.DeletedAt, b.RefundedAt, b.RefundedAmount, b.CheckedAt));
        Assert.Equal(expected.Baskets.OrderBy(b => b.Id).Select(b => (b.Id, b.Price, b.DeletedAt, b.RefundedAt, b.RefundedAmount, b.CheckedAt)), live);
    }
}
