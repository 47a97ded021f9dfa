using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Ticketscloud;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Ticketscloud;

/// <summary>
/// The service (no job server) with its Ticketscloud client pointed at an in-process <see cref="TicketscloudEmulatorHost"/>;
/// runs go through the same <see cref="SyncRunner"/> frame as scheduled ones.
/// </summary>
public class TicketscloudFactory : SyncApiFactory
{
    public const string AccountName = "tc-main";

    private TicketscloudEmulatorHost? emulator;

    public TicketscloudEmulatorHost Emulator => emulator ??= CreateEmulator();

    /// <summary>The emulator the account reads; a derived factory may serve another history.</summary>
    protected virtual TicketscloudEmulatorHost CreateEmulator() => new();

    /// <summary>The Ticketscloud account as the service knows it (its row in <c>accounts</c>).</summary>
    public SyncAccount Account => GetRequiredService<AccountDirectory>().GetAsync(AccountName, CancellationToken.None).GetAwaiter().GetResult();

    public int AccountId => Account.Id;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            AddAccount(settings);
            return settings;
        }
    }

    /// <summary>Beside the QTickets settings (the account "default"), one Ticketscloud account on the emulator.</summary>
    public static void AddAccount(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Ticketscloud:RequestsPerSecond"] = "0";
        settings["Ticketscloud:RetryBaseDelay"] = "00:00:00.010";
        settings["Ticketscloud:PageSize"] = "50";
        settings["Accounts:0:Name"] = AccountName;
        settings["Accounts:0:Platform"] = "ticketscloud";
        settings["Accounts:0:BaseUrl"] = TicketscloudEmulatorHost.BaseUrl.ToString();
        settings["Accounts:0:Token"] = TicketscloudEmulatorHost.Token;
        settings["Accounts:0:TimeZone"] = "Europe/Moscow";
    }

    /// <summary>Sends the service's Ticketscloud calls to <paramref name="emulator"/> (resolved at the first call).</summary>
    public static void RouteTo(IWebHostBuilder builder, Func<TicketscloudEmulatorHost> emulator) =>
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(TicketscloudClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => emulator().CreateHandler()));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        RouteTo(builder, () => Emulator);
    }

    /// <summary>One run of <paramref name="kind"/> for the account, through the runner; returns the run's id.</summary>
    public async Task<long> RunAsync(string kind, DateTimeOffset? since = null)
    {
        var ledger = GetRequiredService<SyncRunLedger>();
        var runId = await ledger.CreateAsync(AccountId, kind, SyncRunTriggers.Api, SyncRunStatuses.Queued, since, null, CancellationToken.None);
        var reconciler = GetRequiredService<TicketscloudReconciler>();
        var status = await GetRequiredService<SyncRunner>().RunAsync(kind, null, runId, null, reconciler.RunAsync, CancellationToken.None);
        Assert.Equal(SyncRunStatuses.Succeeded, status);
        return runId;
    }

    public override async ValueTask DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
