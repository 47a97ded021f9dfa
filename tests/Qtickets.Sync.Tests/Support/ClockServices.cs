using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Qtickets.Sync.Tests.Support;

public static class ClockServices
{
    /// <summary>Puts <paramref name="clock"/> in place of the host's <see cref="TimeProvider"/>, so the test moves time.</summary>
    public static IServiceCollection UseClock(this IServiceCollection services, FakeTimeProvider clock)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(clock);
        return services;
    }
}
