using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.ReadApi;

public sealed class ShortShutdownFactory : SyncApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Host:ShutdownTimeoutSeconds"] = "7",
    };
}

public class ShutdownTimeoutTests(ShortShutdownFactory factory) : IClassFixture<ShortShutdownFactory>
{
    [Fact]
    public void The_host_waits_as_long_as_configured_for_work_to_finish_on_shutdown()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), factory.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}
