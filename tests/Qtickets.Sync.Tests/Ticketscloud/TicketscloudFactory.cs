using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Reconciliation.Ticketscloud;
using Qtickets.Sync.Infrastructure.Ticketscloud;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Ticketscloud;

/// <summary>
/// The service (no job server) with its Ticketscloud client pointed at an in-process <see cref="TicketscloudEmulatorHost"/>;
/// runs go through the same <see cref="SyncRunner"/> frame as scheduled ones.
/// </summary>
public sealed class TicketscloudFactory : SyncApiFactory
{
    public const int AccountId = 1;

    public TicketscloudEmulatorHost Emulator { get; } = new();

    public TicketscloudAccount Account { get; } = new(TicketscloudEmulatorHost.BaseUrl, TicketscloudEmulatorHost.Token, "Europe/Moscow");

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Ticketscloud:RequestsPerSecond"] = "0";
            settings["Ticketscloud:RetryBaseDelay"] = "00:00:00.010";
            settings["Ticketscloud:PageSize"] = "50";
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(TicketscloudClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Emulator.CreateHandler()));
    }

    /// <summary>One run of <paramref name="kind"/> for the account, through the runner; returns the run's id.</summary>
    public async Task<long> RunAsync(string kind, DateTimeOffset? since = null)
    {
        var ledger = GetRequiredService<SyncRunLedger>();
        var runId = await ledger.CreateAsync(kind, SyncRunTriggers.Api, SyncRunStatuses.Queued, since, null, CancellationToken.None);
        var reconciler = GetRequiredService<TicketscloudReconciler>();
        Func<SyncRunContext, Task> work = kind switch
        {
            SyncRunKinds.Incremental => run => reconciler.IncrementalAsync(run, AccountId, Account),
            SyncRunKinds.FullSweep => run => reconciler.FullSweepAsync(run, AccountId, Account),
            _ => run => reconciler.BackfillAsync(run, AccountId, Account),
        };
        var status = await GetRequiredService<SyncRunner>().RunAsync(kind, runId, null, work, CancellationToken.None);
        Assert.Equal(SyncRunStatuses.Succeeded, status);
        return runId;
    }

    public override async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await base.DisposeAsync();
    }
}
