using Microsoft.Extensions.DependencyInjection;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Upstream;

/// <summary>
/// Sits inside the resilience pipeline, so every attempt (retries too) waits for a slot of the
/// <see cref="SharedRateGate"/> of its account. A host without PostgreSQL (a bare client) has no gate and passes
/// through; so does a request whose account is not known (<see cref="PerRequest"/> without <see cref="AccountId"/>).
/// </summary>
internal sealed class SharedRateLimitHandler(
    SharedRateGate? gate, Func<HttpRequestMessage, CancellationToken, ValueTask<int?>> accountOf, int requestsPerSecond) : DelegatingHandler
{
    /// <summary>The account id a request of a client serving several accounts carries (<see cref="PerRequest"/>).</summary>
    public static readonly HttpRequestOptionsKey<int> AccountId = new("Qtickets.Sync.AccountId");

    /// <summary>
    /// A client of one account (QTickets': a named client per account); <paramref name="accountId"/> finds the
    /// account's id (null where it is not known).
    /// </summary>
    public static SharedRateLimitHandler ForAccount(
        IServiceProvider services, Func<CancellationToken, ValueTask<int?>> accountId, int requestsPerSecond) =>
        new(services.GetService<SharedRateGate>(), (_, ct) => accountId(ct), requestsPerSecond);

    /// <summary>A client serving every account of its platform (Ticketscloud's): each request names its own.</summary>
    public static SharedRateLimitHandler PerRequest(IServiceProvider services, int requestsPerSecond) =>
        new(services.GetService<SharedRateGate>(), (request, _) =>
            ValueTask.FromResult(request.Options.TryGetValue(AccountId, out var id) ? id : (int?)null), requestsPerSecond);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (gate is not null)
        {
            await gate.WaitAsync(ct => accountOf(request, ct), requestsPerSecond, cancellationToken).ConfigureAwait(false);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
