using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>The webhook host with QTickets' API replaced by <see cref="FakeQticketsClient"/>.</summary>
public class FetchBackWebhookFactory : WebhookApiFactory
{
    public FakeQticketsClient Qtickets { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IQticketsClient>(Qtickets));
    }
}

/// <summary>With <c>Qtickets:VerifyByFetch</c> on: every webhook is only a notice to fetch the order.</summary>
public sealed class VerifyByFetchWebhookFactory : FetchBackWebhookFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Qtickets:VerifyByFetch"] = "true",
    };
}
