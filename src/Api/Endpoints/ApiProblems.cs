using Microsoft.AspNetCore.Http.HttpResults;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>The one shape of a 404 across the API: a problem document titled "… not found" with what was missing.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string thing, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{thing} not found", detail: detail);

    /// <summary>
    /// 409 when an id (unique only within one account) names a thing in several of the accounts the caller reads:
    /// the caller must say which; the accounts listed are only ones it may read.
    /// </summary>
    public static ProblemHttpResult Ambiguous(string thing, string id, IEnumerable<string> accounts, string example) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: $"{thing} id is ambiguous",
            detail: $"{thing} {id} exists in several accounts ({string.Join(", ", accounts)}); name one, e.g. {example}.");
}
