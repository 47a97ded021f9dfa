namespace Qtickets.Sync.Infrastructure.Upstream;

/// <summary>Reads the <c>Retry-After</c> header in both of its forms (delta seconds and HTTP-date).</summary>
internal static class RetryAfter
{
    public static TimeSpan? From(HttpResponseMessage? response, DateTimeOffset now)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
