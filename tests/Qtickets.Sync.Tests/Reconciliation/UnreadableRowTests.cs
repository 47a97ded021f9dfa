using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Tests.Qtickets;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>
/// Rows of a real listing answer that cannot be read or stored are set aside one by one through the real client;
/// the page, the run and the next run go on.
/// </summary>
public sealed class UnreadableRowTests(RealClientFactory factory) : IClassFixture<RealClientFactory>
{
    private const long FirstId = 8_100_001;

    [Fact]
    public async Task A_page_of_50_with_a_lone_surrogate_a_NUL_and_a_wrong_type_mirrors_47_and_sets_3_aside_once()
    {
        var rows = Enumerable.Range(0, 50)
            .Select(i => QticketsJson.Order(FirstId + i, updatedAt: $"2025-11-01T10:{i:00}:00+03:00"))
            .ToArray();
        var surrogate = FirstId + 7;
        var nul = FirstId + 23;
        var wrongType = FirstId + 41;
        // Escapes as QTickets would send them: valid JSON text, but no string can hold the first, and PostgreSQL
        // takes neither the first nor the second; the third is a required field of the wrong type.
        rows[7] = rows[7].Replace("\"payed\":", "\"uniqid\":\"\\ud800\",\"payed\":", StringComparison.Ordinal);
        rows[23] = rows[23].Replace("\"payed\":", "\"client_name\":\"Ivan\\u0000\",\"payed\":", StringComparison.Ordinal);
        rows[41] = rows[41].Replace("\"event_id\":33", "\"event_id\":{\"id\":33}", StringComparison.Ordinal);
        var page = QticketsJson.Page(rows, QticketsJson.Paging(50, 1, 50));
        var bad = new[] { surrogate, nul, wrongType };
        var jobs = factory.GetRequiredService<ReconcileJobs>();
        var requestsBefore = factory.Network.Requests.Count;

        factory.Network.ThenOk(page);
        var status = await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None);

        Assert.Equal(SyncRunStatuses.Succeeded, status);
        // The unreadable rows count as served: the page's paging says it is the last, so nothing more is asked.
        Assert.Equal(requestsBefore + 1, factory.Network.Requests.Count);
        await using (var db = factory.CreateDbContext())
        {
            var stored = await db.Orders.AsNoTracking().Where(o => o.Id >= FirstId && o.Id < FirstId + 50).Select(o => o.Id).ToListAsync();
            Assert.Equal(Enumerable.Range(0, 50).Select(i => FirstId + i).Except(bad).Order(), stored.Order());
        }

        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);
        var failed = await FailedReconcileRowsAsync(admin);
        Assert.Equal(bad.Select(id => (long?)id).Order(), failed.Select(f => f.OrderId).Order());
        Assert.All(failed, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
        using (var json = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/v1/sync/status", UriKind.Relative))))
        {
            Assert.Equal(3, json.RootElement.GetProperty("webhooks").GetProperty("failed").GetInt64());
        }

        // The same page again: the run succeeds and the set-aside rows are not doubled.
        factory.Network.ThenOk(page);
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));
        Assert.Equal(bad.Select(id => (long?)id).Order(), (await FailedReconcileRowsAsync(admin)).Select(f => f.OrderId).Order());
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(3, await db.WebhookDeliveries.CountAsync(d => d.EventType == SetAsideOrders.EventType));
            var run = await db.SyncRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstAsync();
            Assert.Equal(47, run.OrdersSeen);
        }
    }

    private static async Task<List<(long? OrderId, string? Reason)>> FailedReconcileRowsAsync(HttpClient admin)
    {
        var body = await admin.GetStringAsync(new Uri(
            $"/api/v1/webhooks/deliveries?status={DeliveryStatuses.Failed}&event_type={SetAsideOrders.EventType}&limit=100", UriKind.Relative));
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(item =>
        {
            Assert.Equal(SetAsideOrders.EventType, item.GetProperty("event_type").GetString());
            var id = item.GetProperty("order_id");
            return (id.ValueKind == JsonValueKind.Null ? (long?)null : id.GetInt64(), item.GetProperty("reason").GetString());
        })];
    }
}
