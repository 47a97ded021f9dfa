using System.Text.RegularExpressions;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// The only requests the Ticketscloud command client may send: <c>PATCH /v2/resources/orders/:id</c> (every order
/// action goes through it) and the <c>GET</c> of that one order to read it back. The sync client keeps its
/// read-only guard.
/// </summary>
public sealed partial class TicketscloudWriteAllowList() : WriteAllowList("Ticketscloud", "PATCH and GET v2/resources/orders/{id}")
{
    public static bool Allows(HttpMethod method, string path) =>
        (method == HttpMethod.Patch || method == HttpMethod.Get) && OneOrder().IsMatch(path);

    protected override bool Permits(HttpMethod method, string path) => Allows(method, path);

    [GeneratedRegex("(^|/)v2/resources/orders/[0-9a-f]{24}$")]
    private static partial Regex OneOrder();
}
