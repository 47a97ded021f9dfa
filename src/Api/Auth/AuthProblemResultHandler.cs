using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Qtickets.Sync.Api.Auth;

/// <summary>
/// Turns the authorization middleware's bare 401 and 403 into <see cref="AuthProblems"/>: missing or unknown key,
/// and the scope the endpoint's policy asks for.
/// </summary>
public sealed class AuthProblemResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Challenged)
        {
            await AuthProblems.Unauthenticated(context).ExecuteAsync(context);
        }
        else if (authorizeResult.Forbidden)
        {
            var scopes = policy.Requirements.OfType<ClaimsAuthorizationRequirement>()
                .Where(r => r.ClaimType == ApiScopes.ClaimType)
                .SelectMany(r => r.AllowedValues ?? [])
                .ToList();
            await AuthProblems.MissingScope(context.User, scopes).ExecuteAsync(context);
        }
        else
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
