using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Qtickets.Emulator;
using Qtickets.Emulator.Data;
using Qtickets.Emulator.Faults;

namespace Qtickets.Sync.Tests.Support;

/// <summary>
/// The QTickets emulator in-process. Point a QTickets client at it with <see cref="CreateHandler"/> and
/// <see cref="BaseUrl"/>; arrange faults through <see cref="Faults"/> and read the truth from <see cref="Store"/>.
/// </summary>
public class EmulatorHost : WebApplicationFactory<EmulatorMarker>
{
    public const string Token = "emulator-token";
    public static readonly Uri BaseUrl = new("https://emulator.test/api/rest/v1/");

    /// <summary>Emulator configuration in <c>Emulator:Key</c> form; override to change it.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Emulator:Orders"] = "2000",
        ["Emulator:Token"] = Token,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public EmulatorStore Store => Services.GetRequiredService<EmulatorStore>();
    public EmulatorFaults Faults => Services.GetRequiredService<EmulatorFaults>();
    public StatsSnapshot Stats => Services.GetRequiredService<EmulatorStats>().Snapshot(Store.OrderCount, Store.BasketCount);

    /// <summary>A handler reaching the emulator without a socket, for a client's primary handler.</summary>
    public HttpMessageHandler CreateHandler() => Server.CreateHandler();

    /// <summary>
    /// Waits until every webhook emitted so far has had its last attempt (delivered, dropped or given up), for a
    /// minute at most: the sender runs on its own, and its counters are the only sign it is done.
    /// </summary>
    public async Task WebhooksSettledAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var s = Stats;
            if (s.WebhooksPending == 0 && s.WebhooksEmitted - s.WebhooksDropped + s.WebhooksDuplicated == s.WebhooksDelivered + s.WebhooksGivenUp)
            {
                return;
            }
            await Task.Delay(50, deadline.Token);
        }
    }
}
