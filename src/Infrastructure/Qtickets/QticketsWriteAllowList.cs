using System.Text.RegularExpressions;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// The only requests the QTickets command client may send: the documented order write endpoints and the read of
/// one order that checks their effect. Anything else (creating orders, marking tickets scanned, listings) is
/// refused before it leaves the process. The sync client keeps its own, stricter guard (<see cref="ReadOnlyGuardHandler"/>).
/// </summary>
public sealed partial class QticketsWriteAllowList()
    : WriteAllowList("QTickets", "DELETE orders/{id}/baskets, POST orders/{id}/restore, PUT baskets/{id} and GET orders/{id}")
{
    /// <summary>Whether <paramref name="path"/> (ending in the endpoint, after the API base) may be sent with <paramref name="method"/>.</summary>
    public static bool Allows(HttpMethod method, string path) =>
        (method == HttpMethod.Delete && OrderBaskets().IsMatch(path))
        || (method == HttpMethod.Post && OrderRestore().IsMatch(path))
        || (method == HttpMethod.Put && OneBasket().IsMatch(path))
        || (method == HttpMethod.Get && OneOrder().IsMatch(path));

    protected override bool Permits(HttpMethod method, string path) => Allows(method, path);

    [GeneratedRegex("(^|/)orders/[0-9]+/baskets$")]
    private static partial Regex OrderBaskets();

    [GeneratedRegex("(^|/)orders/[0-9]+/restore$")]
    private static partial Regex OrderRestore();

    [GeneratedRegex("(^|/)baskets/[0-9]+$")]
    private static partial Regex OneBasket();

    [GeneratedRegex("(^|/)orders/[0-9]+$")]
    private static partial Regex OneOrder();
}
