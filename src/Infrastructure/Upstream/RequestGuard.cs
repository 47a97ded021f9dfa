namespace Qtickets.Sync.Infrastructure.Upstream;

/// <summary>
/// A client's guard: refuses, before it leaves the process, every request its rule does not allow (the sync
/// clients' <see cref="ReadOnlyGuardHandler"/>, the command clients' <see cref="WriteAllowList"/>).
/// </summary>
public abstract class RequestGuard : DelegatingHandler
{
    /// <summary>Throws <see cref="InvalidOperationException"/> for a request the rule does not allow.</summary>
    protected abstract void Ensure(HttpRequestMessage request);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Ensure(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Ensure(request);
        return base.Send(request, cancellationToken);
    }
}
