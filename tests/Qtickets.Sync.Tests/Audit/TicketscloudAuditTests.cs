using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Tests.Support;
using Qtickets.Sync.Tests.Ticketscloud;

namespace Qtickets.Sync.Tests.Audit;

public sealed class TicketscloudAuditFactory : TicketscloudFactory;

/// <summary>
/// The audit of a Ticketscloud account against the Ticketscloud emulator, asked for through the API and run by its
/// job: it finds exactly what was broken in the mirror, writes nothing, and a heal mends what a sweep can mend.
/// </summary>
public sealed class TicketscloudAuditTests(TicketscloudAuditFactory factory) : IClassFixture<TicketscloudAuditFactory>
{
    private Task<T> ScalarAsync<T>(string sql) => TestSql.ScalarAsync<T>(factory.ConnectionString, sql);

    private Task<string[]> IdsAsync(string sql) => TestSql.ColumnAsync<string>(factory.ConnectionString, sql);

    private static string Ids(string[] ids) => $"ARRAY[{string.Join(',', ids.Select(id => $"'{id}'"))}]::text[]";

    private Task<string> MirrorFingerprintAsync() => ScalarAsync<string>("""
        SELECT md5((SELECT coalesce(string_agg(o::text, ',' ORDER BY o.id), '') FROM ticketscloud_orders o)
                || (SELECT coalesce(string_agg(t::text, ',' ORDER BY t.id), '') FROM ticketscloud_tickets t)
                || (SELECT coalesce(string_agg(r::text, ',' ORDER BY r.id), '') FROM ticketscloud_refund_requests r))
        """);

    private async Task<(long RunId, AuditResult Result)> AuditAsync(HttpClient admin)
    {
        var queued = await admin.PostAsJsonAsync("/api/v1/sync/reconcile", new { kind = SyncRunKinds.Audit, account = TicketscloudFactory.AccountName });
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var runId = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetInt64();
        // No job server in this host: the queued job is run here, as a worker would.
        Assert.Equal(SyncRunStatuses.Succeeded,
            await factory.GetRequiredService<AuditJobs>().AuditForAsync(TicketscloudFactory.AccountName, runId, null, CancellationToken.None));
        await using var db = factory.CreateDbContext();
        return (runId, await db.AuditResults.AsNoTracking().SingleAsync(r => r.RunId == runId));
    }

    [Fact]
    public async Task An_audit_finds_exactly_what_differs_costs_no_more_than_a_sweep_writes_nothing_and_the_heal_mends_it()
    {
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);
        factory.Emulator.Calls.Clear();
        await factory.RunAsync(SyncRunKinds.FullSweep);
        var sweepCalls = factory.Emulator.Calls.Calls.Count;
        factory.Emulator.Calls.Clear();

        var (_, synced) = await AuditAsync(admin);

        Assert.Equal(AuditResult.EqualVerdict, synced.Verdict);
        Assert.Equal(factory.Emulator.Store.Read(() => factory.Emulator.Organizer.Orders.Count), synced.PlatformOrders);
        Assert.Equal((synced.PlatformOrders, synced.PlatformTickets, synced.PlatformPaidSum, synced.PlatformRefunds),
            (synced.MirrorOrders, synced.MirrorTickets, synced.MirrorPaidSum, synced.MirrorRefunds));
        Assert.True(synced.PlatformRefunds > 0, "the emulator's history has approved refunds");
        Assert.All(factory.Emulator.Calls.Calls, call => Assert.Equal("GET", call.Method));
        Assert.Equal(sweepCalls, factory.Emulator.Calls.Calls.Count);

        const string Done = "status = 'done' AND EXISTS (SELECT 1 FROM ticketscloud_tickets t WHERE t.order_id = o.id AND t.vanished_at IS NULL)";
        var deleted = await IdsAsync($"SELECT id FROM ticketscloud_orders o WHERE {Done} ORDER BY created_at, id LIMIT 5");
        var repriced = await IdsAsync($"""
            SELECT (SELECT min(t.id) FROM ticketscloud_tickets t WHERE t.order_id = o.id AND t.vanished_at IS NULL)
            FROM ticketscloud_orders o WHERE {Done} ORDER BY created_at, id OFFSET 5 LIMIT 3
            """);
        var invented = await IdsAsync($"SELECT 'ffff' || substr(id, 5) FROM ticketscloud_orders o WHERE {Done} ORDER BY created_at, id OFFSET 8 LIMIT 2");
        await ScalarAsync<int>($"""
            DELETE FROM ticketscloud_tickets WHERE order_id = ANY({Ids(deleted)});
            DELETE FROM ticketscloud_orders WHERE id = ANY({Ids(deleted)});
            SELECT 0
            """);
        // A missed change leaves the stored payload stale as well as the typed columns; the sweep compares payloads.
        await ScalarAsync<int>($$"""
            WITH t AS (UPDATE ticketscloud_tickets SET price = price + 7 WHERE id = ANY({{Ids(repriced)}}) RETURNING order_id),
                 o AS (UPDATE ticketscloud_orders SET raw = raw || '{"stale": true}' WHERE id IN (SELECT order_id FROM t) RETURNING 1)
            SELECT (SELECT count(*) FROM o)::int
            """);
        await ScalarAsync<int>($"""
            CREATE TEMP TABLE invented AS SELECT * FROM ticketscloud_orders WHERE 'ffff' || substr(id, 5) = ANY({Ids(invented)});
            UPDATE invented SET id = 'ffff' || substr(id, 5), synced_at = now() - interval '1 hour';
            INSERT INTO ticketscloud_orders SELECT * FROM invented;
            SELECT 0
            """);
        var before = await MirrorFingerprintAsync();

        var (runId, broken) = await AuditAsync(admin);

        Assert.Equal(before, await MirrorFingerprintAsync());
        Assert.Equal("10 differences", broken.Verdict);
        ListedFindings.AssertPlanted(await ListedFindings.ReadAsync(admin, runId), deleted, invented, repriced, broken);

        var heal = await admin.PostAsync(new Uri($"/api/v1/sync/runs/{runId}/heal", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, heal.StatusCode);
        var sweep = (await heal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetInt64();
        Assert.Equal(SyncRunStatuses.Succeeded,
            await factory.GetRequiredService<ReconcileJobs>().RunAsync(TicketscloudFactory.AccountName, SyncRunKinds.FullSweep, sweep, null, CancellationToken.None));

        // Ticketscloud never deletes an order: one it never listed stays for a person to look at, the rest is mended.
        var (healedId, healed) = await AuditAsync(admin);
        Assert.Equal("2 differences", healed.Verdict);
        Assert.Equal(invented.Order(), (await ListedFindings.ReadAsync(admin, healedId)).Select(f => f.Id).Order());
        // The account's status and the dashboard's health panel say what its last audit found.
        await AssertLastAuditShownAsync(admin, healedId, "2 differences");
        await ScalarAsync<int>($"DELETE FROM ticketscloud_orders WHERE id = ANY({Ids(invented)}); SELECT 0");
        var (equalId, equal) = await AuditAsync(admin);
        Assert.Equal(AuditResult.EqualVerdict, equal.Verdict);
        await AssertLastAuditShownAsync(admin, equalId, AuditResult.EqualVerdict);
    }

    private async Task AssertLastAuditShownAsync(HttpClient admin, long runId, string verdict)
    {
        var status = await admin.GetFromJsonAsync<JsonElement>("/api/v1/sync/status");
        var audit = status.GetProperty("accounts").EnumerateArray()
            .Single(a => a.GetProperty("account").GetString() == TicketscloudFactory.AccountName).GetProperty("lastAudit");
        Assert.Equal((runId, verdict), (audit.GetProperty("runId").GetInt64(), audit.GetProperty("verdict").GetString()));
        Assert.True(audit.GetProperty("finishedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        var dashboard = await admin.GetStringAsync(new Uri("/dashboard", UriKind.Relative));
        var differences = verdict == AuditResult.EqualVerdict ? 0 : int.Parse(verdict.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"data-audit-run=\"{runId}\" data-audit-differences=\"{differences}\">", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_whose_daily_sales_differ_from_the_audited_orders_is_a_sales_drift_finding()
    {
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);
        await factory.RunAsync(SyncRunKinds.FullSweep);
        await SalesTable.FoldAsync(factory);
        var (_, clean) = await AuditAsync(admin);
        Assert.Equal(AuditResult.EqualVerdict, clean.Verdict);

        // Two (event, day) rows of the read model go wrong behind the folder's back: one gains, one loses a sale.
        const string Drifted = """
            SELECT event_id || '/' || day FROM daily_sales
            WHERE source = 'ticketscloud' AND paid_orders > 0 ORDER BY day DESC, event_id LIMIT 2
            """;
        var keys = await IdsAsync(Drifted);
        Assert.Equal(2, keys.Length);
        await ScalarAsync<int>($"""
            UPDATE daily_sales SET gross = gross + 100 WHERE source = 'ticketscloud' AND event_id || '/' || day = '{keys[0]}';
            UPDATE daily_sales SET paid_orders = paid_orders - 1 WHERE source = 'ticketscloud' AND event_id || '/' || day = '{keys[1]}';
            SELECT 0
            """);
        try
        {
            var (runId, drifted) = await AuditAsync(admin);

            Assert.Equal("2 differences", drifted.Verdict);
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/sync/runs/{runId}/findings");
            var findings = page.GetProperty("items").EnumerateArray().Select(f => (
                Key: $"{f.GetProperty("eventId").GetInt64()}/{f.GetProperty("day").GetString()}",
                Kind: f.GetProperty("kind").GetString(), Entity: f.GetProperty("entity").GetString(),
                Fields: f.GetProperty("fields").EnumerateArray().Select(x => (x.GetProperty("field").GetString(),
                    x.GetProperty("mirror").GetDecimal() - x.GetProperty("platform").GetDecimal())).ToList())).OrderBy(f => f.Key == keys[1]).ToList();
            Assert.All(findings, f => Assert.Equal((AuditEntities.SalesDay, AuditFindingKinds.SalesDrift), (f.Entity, f.Kind)));
            Assert.Equal([keys[0], keys[1]], findings.Select(f => f.Key));
            Assert.Equal([("gross", 100m)], findings[0].Fields);
            Assert.Equal([("paid_orders", -1m)], findings[1].Fields);
        }
        finally
        {
            await ScalarAsync<int>($"""
                UPDATE daily_sales SET gross = gross - 100 WHERE source = 'ticketscloud' AND event_id || '/' || day = '{keys[0]}';
                UPDATE daily_sales SET paid_orders = paid_orders + 1 WHERE source = 'ticketscloud' AND event_id || '/' || day = '{keys[1]}';
                SELECT 0
                """);
        }
    }

    [Fact]
    public async Task The_audit_is_on_every_ticketscloud_accounts_weekly_schedule()
    {
        await factory.Services.GetServices<IHostedService>().OfType<RecurringSyncJobs>().Single().StartAsync(CancellationToken.None);

        using var connection = factory.GetRequiredService<JobStorage>().GetConnection();
        var audit = connection.GetRecurringJobs()
            .SingleOrDefault(j => j.Id == IAccountRecurringJobs.Id(IAccountRecurringJobs.AuditKind, TicketscloudFactory.AccountName));
        Assert.NotNull(audit);
        Assert.Equal("0 4 * * 0", audit.Cron);
        Assert.Equal((typeof(AuditJobs), nameof(AuditJobs.AuditForAsync)), (audit.Job.Type, audit.Job.Method.Name));
        Assert.Equal(TicketscloudFactory.AccountName, audit.Job.Args[0]);
    }
}
