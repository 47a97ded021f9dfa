namespace Qtickets.Emulator;

/// <summary>
/// How the emulated <c>GET /orders</c> treats what a client asks for (<c>Emulator:ServerBehaviour</c>).
/// </summary>
public enum ServerBehaviour
{
    /// <summary>As seed 001 documents it: the JSON body and the query parameters filter, order and page.</summary>
    Documented,

    /// <summary>
    /// As the answers captured in production show it: query parameters other than <c>page</c> are ignored, pages
    /// hold 50 rows whatever was asked, rows come oldest first (id ascending). The JSON body's <c>where</c>
    /// still filters (nothing captured says it does not).
    /// </summary>
    Captured,

    /// <summary>Like <see cref="Captured"/>, and the body's <c>where</c> is ignored too: every order, oldest first.</summary>
    IgnoreAll,
}
