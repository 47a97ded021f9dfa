using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>The service with QTickets replaced by a scriptable <see cref="FakeQticketsClient"/>.</summary>
public abstract class FakeUpstreamFactory : SyncApiFactory
{
    public FakeQticketsClient Upstream { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IQticketsClient>();
            services.AddSingleton<IQticketsClient>(Upstream);
        });
    }
}
