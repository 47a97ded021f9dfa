using Microsoft.AspNetCore.Http.HttpResults;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>The one shape of a 404 across the API: a problem document titled "… not found" with what was missing.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string thing, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{thing} not found", detail: detail);
}
