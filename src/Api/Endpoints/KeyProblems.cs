namespace Qtickets.Sync.Api.Endpoints;

/// <summary>
/// What every route behind the API key may answer besides its own results: 401 without a known key, 403 for a key
/// without the scope, 500 when the service fails. Declared for the OpenAPI document.
/// </summary>
internal static class KeyProblems
{
    public static RouteGroupBuilder ProducesKeyProblems(this RouteGroupBuilder group) =>
        group.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status500InternalServerError);

    public static RouteHandlerBuilder ProducesKeyProblems(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
}
