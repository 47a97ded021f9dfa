using System.Text.RegularExpressions;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// The only requests the QTickets command client may send: the documented order write endpoints and the read of
/// one order that checks their effect. Anything else (creating orders, marking tickets scanned, listings) is
/// refused before it leaves the process. The sync client keeps its own, stricter guard (<see cref="ReadOnlyGuardHandler"/>).
/// </summary>
public sealed partial class QticketsWriteAllowList : DelegatingHandler
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

    /// <summary>Whether <paramref name="path"/> (ending in the endpoint, after the API base) may be sent with <paramref name="method"/>.</summary>
    public static bool Allows(HttpMethod method, string path) =>
        (method == HttpMethod.Delete && OrderBaskets().IsMatch(path))
        || (method == HttpMethod.Post && OrderRestore().IsMatch(path))
        || (method == HttpMethod.Put && OneBasket().IsMatch(path))
        || (method == HttpMethod.Get && OneOrder().IsMatch(path));

    private static void EnsureAllowed(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The QTickets command client needs a request URI.");
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString;
        if ((uri.IsAbsoluteUri && uri.Query.Length > 0) || !Allows(request.Method, path))
        {
            throw new InvalidOperationException(
                $"The QTickets command client refused {request.Method} {uri}: only DELETE orders/{{id}}/baskets, "
                + "POST orders/{id}/restore, PUT baskets/{id} and GET orders/{id} may be sent.");
        }
    }

    [GeneratedRegex("(^|/)orders/[0-9]+/baskets$")]
    private static partial Regex OrderBaskets();

    [GeneratedRegex("(^|/)orders/[0-9]+/restore$")]
    private static partial Regex OrderRestore();

    [GeneratedRegex("(^|/)baskets/[0-9]+$")]
    private static partial Regex OneBasket();

    [GeneratedRegex("(^|/)orders/[0-9]+$")]
    private static partial Regex OneOrder();
}
