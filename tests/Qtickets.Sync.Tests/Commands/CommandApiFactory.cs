using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Ticketscloud;
using Qtickets.Emulator.Api;
using EmulatorOrder = Qtickets.Emulator.Data.Order;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Commands;

/// <summary>The QTickets emulator for command tests: 400 orders, seed 13.</summary>
public sealed class CommandEmulator : EmulatorHost
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Emulator:Orders"] = "400";
            settings["Emulator:Seed"] = "13";
            return settings;
        }
    }

    public CommandLedger Ledger => Services.GetRequiredService<CommandLedger>();
}

/// <summary>The service with its QTickets clients, sync and command alike, pointed at an in-process emulator.</summary>
public class CommandApiFactory : SyncApiFactory
{
    public const string ActionsKey = "test-actions-key-0123456789";

    private readonly HashSet<int> handedOut = [];

    public const string TicketscloudAccount = "tc";

    public CommandEmulator Emulator { get; } = new();

    public TicketscloudEmulatorHost TcEmulator { get; } = new();

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Qtickets:BaseUrl"] = EmulatorHost.BaseUrl.ToString();
            settings["Qtickets:Token"] = EmulatorHost.Token;
            settings["Qtickets:RequestsPerSecond"] = "0";
            settings["Qtickets:RetryBaseDelay"] = "00:00:00.010";
            settings["Auth:ApiKeys:3:Key"] = ActionsKey;
            settings["Auth:ApiKeys:3:Scopes"] = "actions";
            settings["Auth:ApiKeys:3:Name"] = "support-desk";
            // Beside the QTickets account of the Qtickets:… settings ("default"), one on the Ticketscloud emulator.
            settings["Accounts:0:Name"] = TicketscloudAccount;
            settings["Accounts:0:Platform"] = "ticketscloud";
            settings["Accounts:0:BaseUrl"] = TicketscloudEmulatorHost.BaseUrl.ToString();
            settings["Accounts:0:Token"] = TicketscloudEmulatorHost.Token;
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(QticketsClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(Emulator.CreateHandler);
            services.AddHttpClient(QticketsCommandClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(Emulator.CreateHandler);
            services.AddHttpClient(TicketscloudCommandClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(TcEmulator.CreateHandler);
        });
    }

    /// <summary>The id the Ticketscloud account got in <c>accounts</c>.</summary>
    public async Task<int> TicketscloudAccountIdAsync() =>
        (await GetRequiredService<AccountDirectory>().GetAsync(TicketscloudAccount, CancellationToken.None)).Id;

    /// <summary>An emulator order no other test of the class has been given, matching <paramref name="fits"/>.</summary>
    public EmulatorOrder TakeOrder(Func<EmulatorOrder, bool> fits)
    {
        lock (handedOut)
        {
            var order = Emulator.Store.EnumerateOrders().First(o => o.Id != 4360 && !handedOut.Contains(o.Id) && fits(o));
            handedOut.Add(order.Id);
            return order;
        }
    }

    /// <summary>A paid, uncancelled order with at least two baskets and no refunds.</summary>
    public EmulatorOrder TakePaidOrder() => TakeOrder(o =>
        o.Payed && o.DeletedAt is null && o.Baskets.Count >= 2 && o.Baskets.All(b => b.IsActive && b.RefundedAt is null && b.Price > 0));

    /// <summary><c>POST /api/v1/orders/default/{id}/actions</c> with a raw JSON body.</summary>
    public Task<HttpResponseMessage> ActAsync(object orderId, string json, string? key, string apiKey = ActionsKey) =>
        ActOnAsync(Account.DefaultName, orderId, json, key, apiKey);

    /// <summary><c>POST /api/v1/orders/{account}/{id}/actions</c> with a raw JSON body.</summary>
    public async Task<HttpResponseMessage> ActOnAsync(string account, object orderId, string json, string? key, string apiKey = ActionsKey)
    {
        using var client = CreateClient(apiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/orders/{account}/{orderId}/actions", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return await client.SendAsync(request);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Emulator.DisposeAsync();
        await TcEmulator.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
