namespace Qtickets.Sync.Infrastructure.Upstream;

/// <summary>
/// A command client's guard: refuses, before it leaves the process, every request its platform's list does not
/// name (and any query string). The sync clients keep their read-only guard.
/// </summary>
public abstract class WriteAllowList(string platform, string allowed) : RequestGuard
{
    /// <summary>Whether <paramref name="path"/> (ending in the endpoint) may be sent with <paramref name="method"/>.</summary>
    protected abstract bool Permits(HttpMethod method, string path);

    protected override void Ensure(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException($"The {platform} command client needs a request URI.");
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString;
        if ((uri.IsAbsoluteUri && uri.Query.Length > 0) || !Permits(request.Method, path))
        {
            throw new InvalidOperationException($"The {platform} command client refused {request.Method} {uri}: only {allowed} may be sent.");
        }
    }
}
