using Microsoft.AspNetCore.Http.HttpResults;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>Problem answers given the same way by several endpoints; a 404 is titled "… not found" with what was missing.</summary>
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

    /// <summary>
    /// 403 for a <c>client_email</c> filter from a key without <c>read:pii</c>: masked output is no protection if
    /// a key can still ask "is this person a buyer?" by exact address.
    /// </summary>
    public static ProblemHttpResult EmailFilterNeedsPii() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "client_email needs read:pii",
            detail: "Filtering by e-mail finds a person; only keys with the read:pii scope may do it.");
}
