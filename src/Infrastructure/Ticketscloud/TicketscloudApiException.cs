using System.Net;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>Ticketscloud answered a non-success status (after retries, where retrying made sense).</summary>
public class TicketscloudApiException(HttpStatusCode statusCode, string? detail)
    : Exception($"Ticketscloud answered (HTTP {(int)statusCode}): {detail ?? "no error text in the body"}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;
}

/// <summary>401/403: the account's key is wrong or revoked; retrying cannot help.</summary>
public sealed class TicketscloudAuthException(HttpStatusCode statusCode, string? detail) : TicketscloudApiException(statusCode, detail);

/// <summary>The answer is no listing envelope (not JSON, no <c>data</c> array).</summary>
public sealed class TicketscloudPayloadException(string message, Exception? inner = null) : Exception(message, inner);
