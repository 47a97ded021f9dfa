using System.Net;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>QTickets answered with a non-success status (after retries, where retrying made sense).</summary>
public class QticketsApiException : Exception
{
    public QticketsApiException(HttpStatusCode statusCode, string? error, string? code)
        : this(Describe("QTickets answered", statusCode, error, code), statusCode, error, code)
    {
    }

    protected QticketsApiException(string message, HttpStatusCode statusCode, string? error, string? code)
        : base(message)
    {
        StatusCode = statusCode;
        Error = error;
        Code = code;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The <c>error</c> text of the documented <c>{"error":…,"status":…}</c> body, when there was one.</summary>
    public string? Error { get; }

    /// <summary>The <c>code</c> field seen in the field (e.g. <c>UNKNOWN_ERROR</c>), when present.</summary>
    public string? Code { get; }

    protected static string Describe(string prefix, HttpStatusCode statusCode, string? error, string? code)
    {
        var message = $"{prefix} (HTTP {(int)statusCode}): {error ?? "no error text in the body"}";
        return code is null ? message : $"{message} (code {code})";
    }
}
