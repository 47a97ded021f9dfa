using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Qtickets.Sync.Api.Auth;

/// <summary>
/// The 401 and 403 problems every surface answers with: they say what was wrong with the credentials (none, an
/// unknown key, a wrong login) or which scope is missing, so a caller can fix the request without guessing.
/// </summary>
public static class AuthProblems
{
    /// <summary><c>WWW-Authenticate</c> of the pages a browser opens; one realm, so one login covers them all.</summary>
    public const string BasicChallenge = "Basic realm=\"Qtickets.Sync\", charset=\"UTF-8\"";

    private const string SendKey = "Send an API key as X-Api-Key: <key> (or Authorization: Bearer <key>)";

    /// <param name="context">The refused request.</param>
    /// <param name="basicLogin">
    /// The page also takes the <c>Dashboard:Username</c>/<c>Dashboard:Password</c> login: a browser is asked for it.
    /// </param>
    public static ProblemHttpResult Unauthenticated(HttpContext context, bool basicLogin = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (basicLogin)
        {
            context.Response.Headers.WWWAuthenticate = BasicChallenge;
        }
        var orLogin = basicLogin ? ", or log in with Dashboard:Username/Password" : "";
        var (title, detail) = (ApiKeyAuthenticationHandler.Presented(context.Request), SentBasic(context.Request)) switch
        {
            ({ }, _) => ("Unknown API key",
                "The API key sent is not one of the configured keys (Auth:ApiKeys:n:Key): check it for typos or ask for a new one."),
            (null, true) when basicLogin => ("Wrong login", "The user name or password is wrong."),
            _ => ("API key required", $"No credentials were sent. {SendKey}{orLogin}."),
        };
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: title, detail: detail);
    }

    /// <summary>403 for an authenticated caller whose key lacks every one of <paramref name="scopes"/>.</summary>
    public static ProblemHttpResult MissingScope(ClaimsPrincipal user, IReadOnlyCollection<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scopes);
        var needed = string.Join(" or ", scopes.Select(s => $"'{s}'"));
        var held = user.FindAll(ApiScopes.ClaimType).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
        return TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: $"Needs the {needed} scope",
            detail: $"This needs an API key with the {needed} scope; key '{user.Identity?.Name}' has "
                + (held.Count == 0 ? "no scope." : $"{string.Join(", ", held.Select(s => $"'{s}'"))}."));
    }

    /// <summary>403 for a key limited to some accounts (<c>Auth:ApiKeys:n:Accounts</c>) asking for what spans them all.</summary>
    /// <param name="user">The caller.</param>
    /// <param name="why">What spans every account and what such a key does instead, as a sentence.</param>
    public static ProblemHttpResult LimitedToAccounts(ClaimsPrincipal user, string why)
    {
        ArgumentNullException.ThrowIfNull(user);
        var accounts = ApiKeyAccounts.Of(user) ?? new HashSet<string>();
        return TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Needs a key for every account",
            detail: $"{why} Key '{user.Identity?.Name}' is limited to {string.Join(", ", accounts.Order(StringComparer.Ordinal).Select(a => $"'{a}'"))} (Auth:ApiKeys:n:Accounts).");
    }

    private static bool SentBasic(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
}
