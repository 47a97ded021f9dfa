using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Tests.Reconciliation;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Audit;

public sealed class AuditFactory : EmulatorBackedFactory;

/// <summary>An audit asked for through the trigger and run by its job, as the API does it; the result it stored.</summary>
internal static class AuditRun
{
    public static async Task<(long RunId, AuditResult Result)> RunAsync(EmulatorBackedFactory factory)
    {
        var queued = await factory.GetRequiredService<SyncRunTrigger>().ReconcileAsync(await factory.DefaultAccountAsync(), SyncRunKinds.Audit, SyncRunTriggers.Api, CancellationToken.None);
        Assert.Equal(SyncRunStatuses.Succeeded, await factory.GetRequiredService<AuditJobs>().AuditForAsync("default", queued.RunId, null, CancellationToken.None));
        await using var db = factory.CreateDbContext();
        return (queued.RunId, await db.AuditResults.AsNoTracking().SingleAsync(r => r.RunId == queued.RunId));
    }
}

/// <summary>The audit against the emulator: it finds exactly what was broken, writes nothing, and the heal call mends it.</summary>
public sealed class AuditTests(AuditFactory fixture)
    : EmulatorBackedTests(fixture, new ReconcileEmulator()), IClassFixture<AuditFactory>
{
    private Task<T> ScalarAsync<T>(string sql) => TestSql.ScalarAsync<T>(Factory.ConnectionString, sql);

    private Task<long[]> IdsAsync(string sql) => TestSql.ColumnAsync<long>(Factory.ConnectionString, sql);

    private static string Ids(long[] ids) => $"ARRAY[{string.Join(',', ids)}]::bigint[]";

    /// <summary>Ids as the findings list them (text, ids of both platforms alike).</summary>
    private static IEnumerable<string> Texts(long[] ids) => ids.Select(id => id.ToString(CultureInfo.InvariantCulture));

    private Task<string> MirrorFingerprintAsync() => ScalarAsync<string>("""
        SELECT md5((SELECT coalesce(string_agg(o::text, ',' ORDER BY o.id), '') FROM qtickets_orders o)
                || (SELECT coalesce(string_agg(b::text, ',' ORDER BY b.id), '') FROM qtickets_baskets b))
        """);

    [Fact]
    public async Task An_audit_finds_exactly_what_differs_writes_nothing_and_is_equal_after_the_heal()
    {
        var jobs = Factory.GetRequiredService<ReconcileJobs>();
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));
        var (_, synced) = await AuditRun.RunAsync(Factory);
        Assert.Equal(AuditResult.EqualVerdict, synced.Verdict);
        Assert.True(synced.PlatformOrders > 100);
        Assert.Equal(synced.PlatformOrders, synced.MirrorOrders);
        Assert.Equal(synced.PlatformPaidSum, synced.MirrorPaidSum);

        const string Paid = "payed AND deleted_at IS NULL AND EXISTS (SELECT 1 FROM qtickets_baskets b WHERE b.order_id = o.id AND b.vanished_at IS NULL)";
        var deleted = await IdsAsync($"SELECT id FROM qtickets_orders o WHERE {Paid} ORDER BY updated_at, id LIMIT 5");
        var repriced = await IdsAsync($"""
            SELECT (SELECT min(b.id) FROM qtickets_baskets b WHERE b.order_id = o.id AND b.vanished_at IS NULL)
            FROM qtickets_orders o WHERE {Paid} ORDER BY updated_at, id OFFSET 5 LIMIT 3
            """);
        var invented = await IdsAsync($"SELECT id + 900000000 FROM qtickets_orders o WHERE {Paid} ORDER BY updated_at, id OFFSET 8 LIMIT 2");
        await ScalarAsync<int>($$"""
            WITH gone_baskets AS (DELETE FROM qtickets_baskets WHERE order_id = ANY({{Ids(deleted)}}) RETURNING 1),
                 gone AS (DELETE FROM qtickets_orders WHERE id = ANY({{Ids(deleted)}}) RETURNING 1)
            SELECT (SELECT count(*) FROM gone)::int
            """);
        // A missed change leaves the stored payload stale as well as the typed columns; the sweep compares payloads.
        await ScalarAsync<int>($$"""
            WITH b AS (UPDATE qtickets_baskets SET price = price + 7 WHERE id = ANY({{Ids(repriced)}}) RETURNING order_id),
                 o AS (UPDATE qtickets_orders SET raw = raw || '{"stale": true}' WHERE id IN (SELECT order_id FROM b) RETURNING 1)
            SELECT (SELECT count(*) FROM o)::int
            """);
        await ScalarAsync<int>($$"""
            CREATE TEMP TABLE invented AS SELECT * FROM qtickets_orders WHERE id + 900000000 = ANY({{Ids(invented)}});
            UPDATE invented SET id = id + 900000000, uniqid = uniqid || 'x', synced_at = now() - interval '1 hour';
            INSERT INTO qtickets_orders SELECT * FROM invented;
            SELECT 0
            """);
        var before = await MirrorFingerprintAsync();

        var (runId, broken) = await AuditRun.RunAsync(Factory);

        Assert.Equal(before, await MirrorFingerprintAsync());
        Assert.Equal("10 differences", broken.Verdict);
        using var admin = Factory.CreateClient(SyncApiFactory.AdminKey);
        ListedFindings.AssertPlanted(await ListedFindings.ReadAsync(admin, runId), Texts(deleted), Texts(invented), Texts(repriced), broken);

        var heal = await admin.PostAsync(new Uri($"/api/v1/sync/runs/{runId}/heal", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, heal.StatusCode);
        var sweep = (await heal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetInt64();
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("default", SyncRunKinds.FullSweep, sweep, null, CancellationToken.None));

        var (_, healed) = await AuditRun.RunAsync(Factory);
        Assert.Equal(AuditResult.EqualVerdict, healed.Verdict);
    }

    [Fact]
    public async Task Findings_of_a_run_that_is_not_an_audit_are_a_clear_404()
    {
        Assert.Equal(SyncRunStatuses.Succeeded, await Factory.GetRequiredService<ReconcileJobs>().RunAsync("default", SyncRunKinds.Catalog, null, null, CancellationToken.None));
        await using var db = Factory.CreateDbContext();
        var catalog = await db.SyncRuns.AsNoTracking().Where(r => r.Kind == SyncRunKinds.Catalog).Select(r => r.Id).FirstAsync();
        using var admin = Factory.CreateClient(SyncApiFactory.AdminKey);
        var response = await admin.GetAsync(new Uri($"/api/v1/sync/runs/{catalog}/findings", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not an audit", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class LiveAuditFactory : EmulatorBackedFactory;

/// <summary>An audit walking while the platform changes, in a database of its own (no earlier test's mirror).</summary>
public sealed class LiveAuditTests(LiveAuditFactory fixture)
    : EmulatorBackedTests(fixture, new ReconcileEmulator()), IClassFixture<LiveAuditFactory>
{
    [Fact]
    public async Task An_audit_while_orders_change_upstream_reports_no_false_findings()
    {
        Assert.Equal(SyncRunStatuses.Succeeded, await Factory.GetRequiredService<ReconcileJobs>().RunAsync("default", SyncRunKinds.Incremental, null, null, CancellationToken.None));
        var emulator = Factory.Emulator!;
        // Live activity between every two requests of the walk, with no webhooks reaching the mirror meanwhile.
        Factory.Emulator = new ChangingUpstream(emulator, Control);
        try
        {
            var (_, audit) = await AuditRun.RunAsync(Factory);
            Assert.True(audit.InFlight > 0, "the activity changed orders the audit read");
            Assert.Equal(AuditResult.EqualVerdict, audit.Verdict);
        }
        finally
        {
            Factory.Emulator = emulator;
        }
    }

    /// <summary>Steps the emulator's activity before passing each QTickets request on.</summary>
    private sealed class ChangingUpstream(HttpMessageHandler inner, HttpClient control) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            (await control.PostAsync(new Uri("/emulator/activity/step?count=5", UriKind.Relative), null, cancellationToken)).EnsureSuccessStatusCode();
            using var invoker = new HttpMessageInvoker(inner, disposeHandler: false);
            return await invoker.SendAsync(request, cancellationToken);
        }
    }
}
