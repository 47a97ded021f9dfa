using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qtickets.Emulator.Data;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Qtickets.Reconcile;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Reconciliation.Audit;
using Qtickets.Sync.Infrastructure.Webhooks;
using Qtickets.Sync.Tests.Support;
using Qtickets.Sync.Tests.Webhooks;

namespace Qtickets.Sync.Tests.Accounts;

/// <summary>The emulator serving three organizers, each with orders of its own; ids of different organizers overlap.</summary>
public sealed class OrganizersEmulator : EmulatorHost
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Emulator:Orders"] = "300",
        ["Emulator:Seed"] = "21",
        ["Emulator:Organizers"] = "3",
        ["Emulator:OrdersPerOrganizer"] = "250",
    };
}

/// <summary>
/// Two QTickets accounts (organizers 0 and 1 of the emulator, each with its own token and webhook secret) and a
/// third whose token QTickets rejects, a fourth fed by webhooks alone; no single-account settings.
/// </summary>
public sealed class MultiAccountFactory : SyncApiFactory
{
    public const string NorthSecret = "north-webhook-secret";
    public const string SouthSecret = "south-webhook-secret";
    public const string WestSecret = "west-webhook-secret";

    public OrganizersEmulator Emulator { get; } = new();

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings.Remove("Qtickets:Token");
            settings.Remove("Qtickets:WebhookSecrets:0");
            settings["Reconcile:InitialHorizonHours"] = "2000";
            Account(settings, 0, "north", Organizers.TokenOf(EmulatorHost.Token, 0), NorthSecret);
            Account(settings, 1, "south", Organizers.TokenOf(EmulatorHost.Token, 1), SouthSecret);
            Account(settings, 2, "broken", "a-token-qtickets-does-not-know", "broken-webhook-secret");
            // Only webhooks reach this one, so its orders never mix with what the emulator tests compare.
            Account(settings, 3, "west", "west-token", WestSecret);
            return settings;
        }
    }

    private static void Account(IDictionary<string, string?> settings, int n, string name, string token, string secret)
    {
        settings[$"Accounts:{n}:Name"] = name;
        settings[$"Accounts:{n}:Platform"] = "qtickets";
        settings[$"Accounts:{n}:BaseUrl"] = EmulatorHost.BaseUrl.ToString();
        settings[$"Accounts:{n}:Token"] = token;
        settings[$"Accounts:{n}:WebhookSecrets:0"] = secret;
        settings[$"Accounts:{n}:RequestsPerSecond"] = "0";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            foreach (var name in new[] { "north", "south", "broken" })
            {
                services.AddHttpClient(QticketsClients.HttpClientName(name)).ConfigurePrimaryHttpMessageHandler(() => Emulator.CreateHandler());
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    /// <summary>Orders of one emulator organizer changed within the incremental horizon: id → updated_at.</summary>
    public async Task<Dictionary<long, DateTimeOffset>> TruthAsync(int organizer)
    {
        var store = Emulator.Services.GetRequiredService<Organizers>().Store(organizer);
        var since = DateTimeOffset.UtcNow.AddHours(-2000);
        using var control = Emulator.CreateClient();
        using var json = JsonDocument.Parse(await control.GetStringAsync(
            new Uri($"/emulator/truth/orders?per_page={store.OrderCount}&organizer={organizer}", UriKind.Relative)));
        return json.RootElement.GetProperty("data").EnumerateArray()
            .Select(o => (Id: o.GetProperty("id").GetInt64(), UpdatedAt: o.GetProperty("updated_at").GetDateTimeOffset()))
            .Where(o => o.UpdatedAt >= since)
            .ToDictionary(o => o.Id, o => o.UpdatedAt);
    }

    public async Task<Dictionary<long, DateTimeOffset>> MirrorAsync(string account)
    {
        var id = (await GetRequiredService<AccountDirectory>().GetAsync(account, CancellationToken.None)).Id;
        await using var db = CreateDbContext();
        return await db.Orders.AsNoTracking().Where(o => o.AccountId == id).ToDictionaryAsync(o => o.Id, o => o.UpdatedAt);
    }

    public async Task<HttpResponseMessage> PostWebhookAsync(string path, string body, string secret)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Event-Type", WebhookEventTypes.Updated);
        request.Headers.Add("X-Model-Name", "Order");
        request.Headers.Add("X-Signature", OrderPayload.Sign(body, secret));
        return await client.SendAsync(request);
    }
}

public sealed class MultiAccountTests(MultiAccountFactory factory) : IClassFixture<MultiAccountFactory>
{
    [Fact]
    public async Task Two_accounts_fed_by_the_emulator_each_get_only_their_own_organizers_orders_though_their_ids_overlap()
    {
        var jobs = factory.GetRequiredService<ReconcileJobs>();

        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("north", SyncRunKinds.Incremental, null, null, CancellationToken.None));
        Assert.Equal(SyncRunStatuses.Succeeded, await jobs.RunAsync("south", SyncRunKinds.Incremental, null, null, CancellationToken.None));

        var north = await factory.TruthAsync(0);
        var south = await factory.TruthAsync(1);
        Assert.NotEmpty(north.Keys.Intersect(south.Keys));
        Assert.Equal(north.OrderBy(o => o.Key), (await factory.MirrorAsync("north")).OrderBy(o => o.Key));
        Assert.Equal(south.OrderBy(o => o.Key), (await factory.MirrorAsync("south")).OrderBy(o => o.Key));
        await using var db = factory.CreateDbContext();
        var watermarks = await db.SyncStates.AsNoTracking().Where(s => s.Key == SyncStateKeys.OrdersWatermark).Select(s => s.AccountId).ToListAsync();
        Assert.Equal(2, watermarks.Distinct().Count());
    }

    [Fact]
    public async Task A_webhook_signed_with_another_accounts_secret_is_refused_with_401_and_the_right_one_is_stored_under_its_account()
    {
        var payload = OrderPayload.New().ToString();

        using var forged = await factory.PostWebhookAsync("/webhooks/qtickets/north", payload, MultiAccountFactory.WestSecret);
        using var genuine = await factory.PostWebhookAsync("/webhooks/qtickets/west", payload, MultiAccountFactory.WestSecret);
        using var bare = await factory.PostWebhookAsync("/webhooks/qtickets", payload, MultiAccountFactory.WestSecret);
        using var unknown = await factory.PostWebhookAsync("/webhooks/qtickets/nowhere", payload, MultiAccountFactory.WestSecret);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
        Assert.Contains("/webhooks/qtickets/{account}", await bare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var receipt = await genuine.Content.ReadFromJsonAsync<JsonElement>();
        var west = await factory.GetRequiredService<AccountDirectory>().GetAsync("west", CancellationToken.None);
        await factory.GetRequiredService<WebhookApplier>().ApplyPendingAsync(CancellationToken.None);
        await using var db = factory.CreateDbContext();
        var deliveryId = receipt.GetProperty("delivery_id").GetInt64();
        var stored = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == deliveryId);
        Assert.Equal((west.Id, DeliveryStatuses.Applied), (stored.AccountId, stored.Status));
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == stored.OrderId);
        Assert.Equal(west.Id, order.AccountId);
        var refused = await db.WebhookDeliveries.AsNoTracking().Where(d => d.Status == DeliveryStatuses.Rejected).SingleAsync();
        Assert.Equal((await factory.GetRequiredService<AccountDirectory>().GetAsync("north", CancellationToken.None)).Id, refused.AccountId);
    }

    [Fact]
    public async Task A_rejected_token_fails_its_own_accounts_runs_with_the_reason_in_the_status_while_another_account_syncs()
    {
        var jobs = factory.GetRequiredService<ReconcileJobs>();

        var broken = jobs.RunAsync("broken", SyncRunKinds.Incremental, null, null, CancellationToken.None);
        var north = jobs.RunAsync("north", SyncRunKinds.Incremental, null, null, CancellationToken.None);

        Assert.IsType<QticketsAuthException>((await Assert.ThrowsAsync<PermanentRunFailureException>(() => broken)).InnerException);
        Assert.Equal(SyncRunStatuses.Succeeded, await north);
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        var status = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/sync/status", UriKind.Relative));
        var accounts = status.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("account").GetString()!);
        Assert.False(accounts["broken"].GetProperty("trustworthy").GetBoolean());
        Assert.Equal(SyncRunStatuses.Failed, accounts["broken"].GetProperty("lastIncrementalStatus").GetString());
        Assert.Contains("Accounts:2:Token", accounts["broken"].GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(SyncRunStatuses.Succeeded, accounts["north"].GetProperty("lastIncrementalStatus").GetString());
        Assert.Empty(accounts["north"].GetProperty("reasons").EnumerateArray());
        Assert.Contains(status.GetProperty("reasons").EnumerateArray(),
            r => r.GetString()!.StartsWith("Account 'broken': The most recent incremental reconcile failed", StringComparison.Ordinal));
        var runs = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/sync/runs?kind=incremental", UriKind.Relative));
        Assert.Contains(runs.EnumerateArray(), r => r.GetProperty("account").GetString() == "broken" && r.GetProperty("status").GetString() == SyncRunStatuses.Failed);
    }

    [Fact]
    public async Task A_reconcile_asked_for_by_hand_names_its_account_when_there_are_several()
    {
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);

        using var unnamed = await admin.PostAsJsonAsync(new Uri("/api/v1/sync/reconcile", UriKind.Relative), new { kind = "catalog" });
        using var unknown = await admin.PostAsJsonAsync(new Uri("/api/v1/sync/reconcile", UriKind.Relative), new { kind = "catalog", account = "nowhere" });
        using var named = await admin.PostAsJsonAsync(new Uri("/api/v1/sync/reconcile", UriKind.Relative), new { kind = "catalog", account = "south" });

        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Contains("account is required", await unnamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, named.StatusCode);
        var runId = (await named.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetInt64();
        Assert.Equal(SyncRunStatuses.Succeeded, await factory.GetRequiredService<ReconcileJobs>().RunAsync("default", SyncRunKinds.Catalog, runId, null, CancellationToken.None));
        using var read = factory.CreateClient(SyncApiFactory.ReadKey);
        var run = await read.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/sync/runs/{runId}", UriKind.Relative));
        Assert.Equal("south", run.GetProperty("account").GetString());
        await using var db = factory.CreateDbContext();
        var south = (await factory.GetRequiredService<AccountDirectory>().GetAsync("south", CancellationToken.None)).Id;
        Assert.NotEmpty(await db.Events.AsNoTracking().Where(e => e.AccountId == south).ToListAsync());
    }

    [Fact]
    public async Task Each_enabled_account_gets_its_recurring_jobs_and_an_account_gone_from_the_settings_loses_its_own_at_start()
    {
        var recurring = factory.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<ReconcileJobs>("reconcile-incremental:gone", j => j.RunAsync("gone", SyncRunKinds.Incremental, null, null, CancellationToken.None), "*/5 * * * *");

        await factory.Services.GetServices<IHostedService>().OfType<RecurringSyncJobs>().Single()
            .StartAsync(CancellationToken.None);

        using var connection = factory.GetRequiredService<JobStorage>().GetConnection();
        var ids = connection.GetRecurringJobs().Select(j => j.Id).ToHashSet();
        foreach (var account in new[] { "north", "south", "broken", "west" })
        {
            Assert.Contains($"reconcile-incremental:{account}", ids);
            Assert.Contains($"reconcile-full-sweep:{account}", ids);
            Assert.Contains($"sync-catalog:{account}", ids);
        }
        Assert.DoesNotContain("reconcile-incremental:gone", ids);
    }

    [Fact]
    public async Task A_restart_with_unchanged_settings_writes_no_recurring_job_and_restores_one_deleted_or_changed_since()
    {
        var storage = factory.GetRequiredService<JobStorage>();
        var real = factory.GetRequiredService<IRecurringJobManager>();
        var counting = new CountingRecurringJobManager(real);
        RecurringSyncJobs Registration(IOptions<ReconcileOptions> reconcile) => ActivatorUtilities.CreateInstance<RecurringSyncJobs>(
            factory.Services, counting,
            new IAccountRecurringJobs[] { new QticketsRecurringJobs(reconcile, factory.GetRequiredService<IOptions<AuditOptions>>()) }.AsEnumerable(),
            reconcile);
        var settings = factory.GetRequiredService<IOptions<ReconcileOptions>>();
        await Registration(settings).StartAsync(CancellationToken.None);

        counting.Written.Clear();
        await Registration(settings).StartAsync(CancellationToken.None);
        Assert.Empty(counting.Written);

        // Deleted on the dashboard: written again, and only it.
        real.RemoveIfExists("sync-catalog:north");
        await Registration(settings).StartAsync(CancellationToken.None);
        Assert.Equal(["sync-catalog:north"], counting.Written);

        // A changed cron reaches every account's job of that kind, and nothing else is written.
        counting.Written.Clear();
        var changed = new ReconcileOptions { IncrementalCron = "*/7 * * * *", FullSweepCron = settings.Value.FullSweepCron, CatalogCron = settings.Value.CatalogCron, TimeZone = settings.Value.TimeZone };
        await Registration(Options.Create(changed)).StartAsync(CancellationToken.None);
        Assert.Equal(
            new[] { "broken", "north", "south", "west" }.Select(a => $"reconcile-incremental:{a}"),
            counting.Written.Order(StringComparer.Ordinal));
        using (var connection = storage.GetConnection())
        {
            Assert.All(
                connection.GetRecurringJobs().Where(j => j.Id.StartsWith("reconcile-incremental:", StringComparison.Ordinal)),
                job => Assert.Equal("*/7 * * * *", job.Cron));
        }

        counting.Written.Clear();
        await Registration(settings).StartAsync(CancellationToken.None);
        Assert.Equal(4, counting.Written.Count);
    }

    /// <summary>Hangfire's manager, noting which jobs were actually written to it.</summary>
    private sealed class CountingRecurringJobManager(IRecurringJobManager inner) : IRecurringJobManager
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Written { get; } = new();

        public void AddOrUpdate(string recurringJobId, Hangfire.Common.Job job, string cronExpression, RecurringJobOptions options)
        {
            Written.Enqueue(recurringJobId);
            inner.AddOrUpdate(recurringJobId, job, cronExpression, options);
        }

        public void Trigger(string recurringJobId) => inner.Trigger(recurringJobId);

        public void RemoveIfExists(string recurringJobId) => inner.RemoveIfExists(recurringJobId);
    }
}
