using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// A fixed-window limit per source address on refused webhook requests (bad signature, unreadable body…), so
/// nobody can fill the inbox with refusals. It is consulted only once a request has been refused: a genuine
/// signed delivery never takes a permit and is never limited.
/// </summary>
public sealed class WebhookRefusalLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public WebhookRefusalLimiter(IOptions<WebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.RefusalsPerWindow,
                Window = settings.RefusalWindow,
                QueueLimit = 0,
            }));
    }

    /// <returns>False once <paramref name="remoteIp"/> has used up its refusals for the current window.</returns>
    public bool TryRefuse(string? remoteIp)
    {
        using var lease = limiter.AttemptAcquire(remoteIp ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
