using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

public class WebhookRetentionTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    [Fact]
    public async Task Retention_deletes_old_settled_deliveries_blanks_old_bodies_and_leaves_work_alone()
    {
        var now = DateTimeOffset.UtcNow;
        var rows = new Dictionary<string, WebhookDelivery>
        {
            ["applied 40 days"] = Row(DeliveryStatuses.Applied, now.AddDays(-40)),
            ["applied 20 days"] = Row(DeliveryStatuses.Applied, now.AddDays(-20)),
            ["applied today"] = Row(DeliveryStatuses.Applied, now),
            ["rejected 10 days"] = Row(DeliveryStatuses.Rejected, now.AddDays(-10)),
            ["rejected 3 days"] = Row(DeliveryStatuses.Rejected, now.AddDays(-3)),
            ["failed 90 days"] = Row(DeliveryStatuses.Failed, now.AddDays(-90)),
            ["pending 90 days"] = Row(DeliveryStatuses.Pending, now.AddDays(-90)),
            ["quarantined 90 days"] = Row(DeliveryStatuses.Quarantined, now.AddDays(-90)),
        };
        await using (var db = factory.CreateDbContext())
        {
            db.WebhookDeliveries.AddRange(rows.Values);
            await db.SaveChangesAsync();
        }

        await factory.GetRequiredService<WebhookRetention>().RunAsync(CancellationToken.None);

        await using var check = factory.CreateDbContext();
        var ids = rows.Values.Select(r => r.Id).ToList();
        var left = await check.WebhookDeliveries.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id);
        string? BodyOf(string name) => left.TryGetValue(rows[name].Id, out var d) ? d.Body : null;
        Assert.Null(BodyOf("applied 40 days"));
        Assert.Null(BodyOf("rejected 10 days"));
        Assert.Equal(WebhookRetention.RedactedBody, BodyOf("applied 20 days"));
        Assert.Equal(rows["applied today"].Body, BodyOf("applied today"));
        Assert.Equal(rows["rejected 3 days"].Body, BodyOf("rejected 3 days"));
        foreach (var work in new[] { "failed 90 days", "pending 90 days", "quarantined 90 days" })
        {
            Assert.Equal(rows[work].Body, BodyOf(work));
        }
    }

    private static WebhookDelivery Row(string status, DateTimeOffset receivedAt) => new()
    {
        ReceivedAt = receivedAt,
        EventType = WebhookEventTypes.Updated,
        Status = status,
        Body = $$"""{"client_email":"person-{{Guid.NewGuid():N}}@example.org"}""",
        BodySha256 = Guid.NewGuid().ToString("N"),
        Headers = """{"X-Event-Type":"updated"}""",
    };
}
