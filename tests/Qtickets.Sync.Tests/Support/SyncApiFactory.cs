using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Tests.Support;

/// <summary>
/// The service in-process on a fresh database of its own; use as an <c>IClassFixture</c> so each test class
/// gets its own database. Override <see cref="Settings"/> to change configuration, and
/// <see cref="UsesFakeUpstream"/> to put <see cref="Upstream"/> in place of QTickets.
/// </summary>
public class SyncApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const string ReadKey = "test-read-key-0123456789";
    public const string PiiKey = "test-pii-key-0123456789";
    public const string WebhookSecret = "test-webhook-secret";

    private TestDatabase? database;
    private string? sharedConnectionString;

    /// <summary>QTickets as the test scripts it; the host asks it only when <see cref="UsesFakeUpstream"/>.</summary>
    public FakeQticketsClient Upstream { get; } = new();

    /// <summary>
    /// True: the host's QTickets client is <see cref="Upstream"/>. False: the real client, pointed at a host that
    /// does not exist unless <see cref="Settings"/> says otherwise.
    /// </summary>
    protected virtual bool UsesFakeUpstream => false;

    public string ConnectionString => sharedConnectionString ?? database?.ConnectionString
        ?? throw new InvalidOperationException("The test database is created in InitializeAsync.");

    /// <summary>Configuration for the host, in <c>Section:Key</c> form.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jobs:Role"] = "api",
        // Tests apply webhooks when they choose (WebhookApplier.ApplyPendingAsync), so rows they arrange as
        // pending or failed stay that way.
        ["Webhooks:ApplyInBackground"] = "false",
        // Likewise the daily sales table is folded when a test chooses (DailySalesFolder.FoldPendingAsync).
        ["Sales:FoldInBackground"] = "false",
        ["Qtickets:BaseUrl"] = "https://qtickets.invalid/api/rest/v1/",
        ["Qtickets:Token"] = "test-token",
        // The service refuses to start without a webhook secret (or Webhooks:AllowUnsigned).
        ["Qtickets:WebhookSecrets:0"] = WebhookSecret,
        ["Auth:ApiKeys:0:Key"] = AdminKey,
        ["Auth:ApiKeys:0:Scopes"] = "admin",
        ["Auth:ApiKeys:1:Key"] = ReadKey,
        ["Auth:ApiKeys:1:Scopes"] = "read",
        ["Auth:ApiKeys:2:Key"] = PiiKey,
        ["Auth:ApiKeys:2:Scopes"] = "read:pii",
    };

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        // Starting the host applies the migrations: every test class exercises them on an empty database.
        _ = Server;
    }

    public async Task CreateDatabaseAsync()
    {
        if (sharedConnectionString is null)
        {
            database ??= await TestDatabase.CreateAsync(GetType().Name);
        }
    }

    /// <summary>Makes this host a second instance on <paramref name="other"/>'s database (call before it starts).</summary>
    public void ShareDatabaseWith(SyncApiFactory other) => UseDatabase(other.ConnectionString);

    /// <summary>Runs this host on a database the test made elsewhere (call before it starts).</summary>
    public void UseDatabase(string connectionString) => sharedConnectionString = connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (UsesFakeUpstream)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IQticketsClient>();
                services.AddSingleton<IQticketsClient>(Upstream);
            });
        }
    }

    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>A context on the test database, for arranging and asserting rows directly.</summary>
    public SyncDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<SyncDbContext>().UseNpgsql(ConnectionString).Options);

    public T GetRequiredService<T>() where T : notnull => Services.GetRequiredService<T>();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
