using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Ticketscloud.Emulator.Data;
using Ticketscloud.Emulator.Faults;

namespace Qtickets.Sync.Tests.Ticketscloud;

/// <summary>
/// The Ticketscloud mirror against the emulator: backfill, incremental and full sweep runs through the runner,
/// compared with the emulator's own state order by order and ticket by ticket, to the kopeck.
/// </summary>
public sealed class TicketscloudMirrorTests(TicketscloudFactory factory) : IClassFixture<TicketscloudFactory>
{
    private TcOrganizer Organizer => factory.Emulator.Organizer;

    [Fact]
    public async Task Backfill_mirrors_every_order_ticket_and_refund_request_to_the_kopeck_and_only_reads()
    {
        // 429s and 5xx along the way are waited out and retried inside the one run.
        factory.Emulator.Faults.Settings = new TcFaultSettings { Api429Percent = 15, Api503Percent = 10, RetryAfterSeconds = 0 };
        try
        {
            await factory.RunAsync(SyncRunKinds.Backfill, DateTimeOffset.UtcNow.AddDays(-40));
        }
        finally
        {
            factory.Emulator.Faults.Settings = new TcFaultSettings();
        }

        await AssertMirrorMatchesEmulatorAsync();
        Assert.NotEmpty(factory.Emulator.Calls.Calls);
        Assert.All(factory.Emulator.Calls.Calls, call => Assert.Equal("GET", call.Method));
        // One organizer's key never read another's data.
        Assert.DoesNotContain(factory.Emulator.Calls.Calls, call => call.Organizer == factory.Emulator.Store.Organizers[1].Name);
    }

    [Fact]
    public async Task The_next_incremental_run_finds_status_changes_on_a_ten_day_old_order_and_refund_decisions()
    {
        await factory.RunAsync(SyncRunKinds.Backfill, DateTimeOffset.UtcNow.AddDays(-40));
        var now = DateTimeOffset.UtcNow;
        var (tenDaysOld, twentyDaysOld, refunded) = factory.Emulator.Store.Read(() =>
        (
            Organizer.Orders.Last(o => o.Status == "done" && o.CreatedAt < now.AddDays(-10)),
            Organizer.Orders.Last(o => o.Status == "done" && o.CreatedAt < now.AddDays(-20)),
            Organizer.Orders.Last(o => o.Status == "done" && o.CreatedAt < now.AddDays(-9) && o.Tickets.Count > 1
                && Organizer.RefundRequests.All(r => r.Order != o.Id))
        ));
        factory.Emulator.Store.SetStatus(Organizer, tenDaysOld.Id, "cancelled");
        factory.Emulator.Store.SetStatus(Organizer, twentyDaysOld.Id, "cancelled");
        var request = factory.Emulator.Store.RequestRefund(Organizer, refunded.Id, [refunded.Tickets[1].Id]);
        factory.Emulator.Store.ResolveRefund(Organizer, request.Id, "approved");
        factory.Emulator.Calls.Clear();

        var runId = await factory.RunAsync(SyncRunKinds.Incremental);

        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal("cancelled", (await Order(db, tenDaysOld.Id)).Status);
            // Outside the 14 recent days: left to the nightly full sweep.
            Assert.Equal("done", (await Order(db, twentyDaysOld.Id)).Status);
            var refund = await db.Set<TicketscloudRefundRequestRow>().SingleAsync(r => r.Id == request.Id);
            Assert.Equal("approved", refund.Status);
            Assert.Equal([refunded.Tickets[1].Id], refund.TicketIds);
            Assert.Equal(request.UpdatedAt, refund.ApprovedAt);
            var run = await db.SyncRuns.SingleAsync(r => r.Id == runId);
            // The run's requests are counted like QTickets' (every listing page, retries of a page once).
            Assert.Equal(factory.Emulator.Calls.Calls.Count, run.ListRequests);
        }

        await factory.RunAsync(SyncRunKinds.FullSweep);
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal("cancelled", (await Order(db, twentyDaysOld.Id)).Status);
        }
        await AssertMirrorMatchesEmulatorAsync();
    }

    [Fact]
    public async Task The_read_api_lists_ticketscloud_orders_with_personal_data_masked_unless_the_key_has_read_pii()
    {
        await factory.RunAsync(SyncRunKinds.Backfill, DateTimeOffset.UtcNow.AddDays(-40));
        var truth = factory.Emulator.Store.Read(() => Organizer.Orders.Last(o => o.CustomerEmail is not null && o.Status == "done"));

        using var read = factory.CreateClient(Support.SyncApiFactory.ReadKey);
        var masked = await read.GetFromJsonAsync<JsonElement>($"/api/v1/ticketscloud/orders?event_id={truth.Event}&limit=500");
        var listed = masked.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("id").GetString() == truth.Id);
        Assert.Equal("b***@example.ru", listed.GetProperty("customerEmail").GetString());
        Assert.Equal(truth.Sum(t => t.Full), listed.GetProperty("full").GetDecimal());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden,
            (await read.GetAsync($"/api/v1/ticketscloud/orders?client_email={truth.CustomerEmail}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await read.GetAsync("/api/v1/ticketscloud/orders/not-an-id")).StatusCode);

        using var pii = factory.CreateClient(Support.SyncApiFactory.PiiKey);
        var found = await pii.GetFromJsonAsync<JsonElement>($"/api/v1/ticketscloud/orders?client_email={truth.CustomerEmail}");
        Assert.Equal(truth.Id, found.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString());
        var detail = await pii.GetFromJsonAsync<JsonElement>($"/api/v1/ticketscloud/orders/{truth.Id}");
        Assert.Equal(truth.CustomerEmail, detail.GetProperty("customerEmail").GetString());
        Assert.Equal(truth.Tickets.Select(t => t.Id).Order(), detail.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).Order());

        // Small pages walked by cursor give every mirrored order of the account once, newest first.
        var paged = new List<(string Id, DateTimeOffset CreatedAt)>();
        string? cursor = null;
        do
        {
            var page = await read.GetFromJsonAsync<JsonElement>(
                $"/api/v1/ticketscloud/orders?account={TicketscloudFactory.AccountName}&limit=37" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(o => (o.GetProperty("id").GetString()!, o.GetProperty("createdAt").GetDateTimeOffset())));
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        await using var db = factory.CreateDbContext();
        var accountId = factory.Account.Id;
        var stored = await db.Set<TicketscloudOrderRow>().Where(o => o.AccountId == accountId).Select(o => o.Id).ToListAsync();
        Assert.True(stored.Count > 37, $"the account holds {stored.Count} orders, too few to page");
        Assert.Equal(stored.Order(StringComparer.Ordinal), paged.Select(o => o.Id).Order(StringComparer.Ordinal));
        Assert.Equal(paged.Select(o => o.CreatedAt).OrderDescending(), paged.Select(o => o.CreatedAt));
    }

    [Fact]
    public async Task Runs_asked_for_through_the_api_are_the_accounts_own_and_run_as_ticketscloud_jobs()
    {
        using var admin = factory.CreateClient(Support.SyncApiFactory.AdminKey);
        var catalog = await admin.PostAsJsonAsync("/api/v1/sync/reconcile", new { kind = "catalog", account = TicketscloudFactory.AccountName });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, catalog.StatusCode);
        Assert.EndsWith("one of audit, full_sweep, incremental.",
            (await catalog.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("kind")[0].GetString(), StringComparison.Ordinal);

        var queued = await admin.PostAsJsonAsync("/api/v1/sync/backfill",
            new { from = DateTimeOffset.UtcNow.AddDays(-40), account = TicketscloudFactory.AccountName });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, queued.StatusCode);
        var runId = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetInt64();
        // No job server in this host: the queued job is run here, as a worker would.
        var status = await factory.GetRequiredService<Infrastructure.Jobs.ReconcileJobs>().RunAsync(TicketscloudFactory.AccountName, SyncRunKinds.Backfill, runId, null, CancellationToken.None);

        Assert.Equal(SyncRunStatuses.Succeeded, status);
        await using var db = factory.CreateDbContext();
        var run = await db.SyncRuns.SingleAsync(r => r.Id == runId);
        Assert.Equal((factory.AccountId, SyncRunKinds.Backfill), (run.AccountId!.Value, run.Kind));
        Assert.True(run.OrdersSeen >= Organizer.Orders.Count);
        await AssertMirrorMatchesEmulatorAsync();
    }

    private Task<TicketscloudOrderRow> Order(Infrastructure.Persistence.SyncDbContext db, string id) =>
        db.Set<TicketscloudOrderRow>().SingleAsync(o => o.AccountId == factory.AccountId && o.Id == id);

    private async Task AssertMirrorMatchesEmulatorAsync()
    {
        await using var db = factory.CreateDbContext();
        var orders = await db.Set<TicketscloudOrderRow>().Where(o => o.AccountId == factory.AccountId).ToDictionaryAsync(o => o.Id);
        var tickets = await db.Set<TicketscloudTicketRow>().Where(t => t.AccountId == factory.AccountId && t.VanishedAt == null)
            .ToDictionaryAsync(t => t.Id);
        var refunds = await db.Set<TicketscloudRefundRequestRow>().Where(r => r.AccountId == factory.AccountId).ToDictionaryAsync(r => r.Id);
        factory.Emulator.Store.Read(() =>
        {
            Assert.Equal(Organizer.Orders.Count, orders.Count);
            Assert.Equal(Organizer.Orders.Sum(o => o.Tickets.Count), tickets.Count);
            Assert.Equal(Organizer.RefundRequests.Count, refunds.Count);
            foreach (var truth in Organizer.Orders)
            {
                var row = orders[truth.Id];
                Assert.Equal((truth.Status, truth.Number, truth.Event, truth.CreatedAt, truth.DoneAt, truth.CustomerEmail),
                    (row.Status, row.Number!.Value, row.EventId, row.CreatedAt, row.DoneAt, row.CustomerEmail));
                Assert.Equal((truth.Sum(t => t.Nominal), truth.Sum(t => t.Extra), truth.Sum(t => t.Full), truth.Sum(t => t.Discount), truth.Sum(t => t.Price)),
                    (row.Nominal, row.Extra, row.Full, row.Discount, row.Price));
                Assert.Equal(truth.PromoCodes, row.PromoCodes);
                Assert.Equal(Organizer.EventOf(truth).TimeZone ?? "Europe/Moscow", row.TimeZone);
                foreach (var t in truth.Tickets)
                {
                    var stored = tickets[t.Id];
                    Assert.Equal((truth.Id, t.Status, t.Barcode, t.Serial, t.Set, t.Nominal, t.Extra, t.Full, t.Discount, t.Price),
                        (stored.OrderId, stored.Status, stored.Barcode, stored.Serial, stored.SetId, stored.Nominal, stored.Extra, stored.Full, stored.Discount, stored.Price));
                }
            }
            foreach (var truth in Organizer.RefundRequests)
            {
                var row = refunds[truth.Id];
                Assert.Equal((truth.Status, truth.Order, truth.Amount, truth.CreatedAt), (row.Status, row.OrderId, row.Amount!.Value, row.CreatedAt!.Value));
                Assert.Equal(truth.Tickets, row.TicketIds);
            }
            return 0;
        });
    }
}
