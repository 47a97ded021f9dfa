using Microsoft.Extensions.DependencyInjection;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Upstream;

/// <summary>
/// Sits inside the resilience pipeline, so every attempt (retries too) waits for a slot of the
/// <see cref="SharedRateGate"/> of its account. A host without PostgreSQL (a bare client) has no gate and passes
/// through.
/// </summary>
internal sealed class SharedRateLimitHandler(IServiceProvider services, string account, int requestsPerSecond) : DelegatingHandler
{
    private readonly SharedRateGate? gate = services.GetService<SharedRateGate>();
    private readonly AccountDirectory? directory = services.GetService<AccountDirectory>();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (gate is not null && directory is not null)
        {
            await gate.WaitAsync(async ct => (await directory.GetAsync(account, ct).ConfigureAwait(false)).Id, requestsPerSecond, cancellationToken)
                .ConfigureAwait(false);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
