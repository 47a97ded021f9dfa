using System.Text.RegularExpressions;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// The only requests the Ticketscloud command client may send: <c>PATCH /v2/resources/orders/:id</c> (every order
/// action goes through it) and the <c>GET</c> of that one order to read it back. The sync client keeps its
/// read-only guard.
/// </summary>
public sealed partial class TicketscloudWriteAllowList : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        EnsureAllowed(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        EnsureAllowed(request);
        return base.Send(request, cancellationToken);
    }

    public static bool Allows(HttpMethod method, string path) =>
        (method == HttpMethod.Patch || method == HttpMethod.Get) && OneOrder().IsMatch(path);

    private static void EnsureAllowed(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The Ticketscloud command client needs a request URI.");
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString;
        if ((uri.IsAbsoluteUri && uri.Query.Length > 0) || !Allows(request.Method, path))
        {
            throw new InvalidOperationException(
                $"The Ticketscloud command client refused {request.Method} {uri}: only PATCH and GET v2/resources/orders/{{id}} may be sent.");
        }
    }

    [GeneratedRegex("(^|/)v2/resources/orders/[0-9a-f]{24}$")]
    private static partial Regex OneOrder();
}
