namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// What the client needs of one Ticketscloud account: where (the API base), who (its key, sent as
/// <c>Authorization: key TOKEN</c>) and the zone for offset-less times of events without one.
/// </summary>
/// <param name="Id">The account's row (<c>accounts.id</c>): its requests share that account's rate slot with every
/// instance. Null for a client used without the database.</param>
public sealed record TicketscloudAccount(Uri BaseUrl, string Token, string TimeZone, int? Id = null)
{
    /// <summary>The key stays out of logs and exception messages.</summary>
    public override string ToString() => $"TicketscloudAccount {{ BaseUrl = {BaseUrl}, TimeZone = {TimeZone} }}";

    /// <summary>
    /// The account's settings checked: an absolute http(s) base (https unless loopback: the key travels in every
    /// request), a key, and a zone this machine knows.
    /// </summary>
    public static IEnumerable<string> Problems(string? baseUrl, string? token, string? timeZone, string prefix)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"{prefix}BaseUrl must be an absolute http(s) URL, got '{baseUrl}'";
        }
        else if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            yield return $"{prefix}BaseUrl must be https unless it points at a loopback address, got '{baseUrl}'";
        }
        if (string.IsNullOrWhiteSpace(token))
        {
            yield return $"{prefix}Token is required (the organizer's Ticketscloud API key)";
        }
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            yield return $"{prefix}TimeZone '{timeZone}' is not a known IANA zone";
        }
    }
}
