using System.Net;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// QTickets refused the token (401/403). Never retried: repeating a rejected token only adds noise to the
/// organizer's logs, and the fix is a configuration change.
/// </summary>
public sealed class QticketsAuthException(HttpStatusCode statusCode, string? error, string? code)
    : QticketsApiException(Describe("QTickets rejected the token", statusCode, error, code), statusCode, error, code);
