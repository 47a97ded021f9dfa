using Microsoft.Extensions.DependencyInjection;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// Sits inside the resilience pipeline, so every attempt (retries too) waits for a slot of the
/// <see cref="SharedRateGate"/>. A host without PostgreSQL (a bare client) has no gate and passes through.
/// </summary>
internal sealed class SharedRateLimitHandler(IServiceProvider services) : DelegatingHandler
{
    private readonly SharedRateGate? gate = services.GetService<SharedRateGate>();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
