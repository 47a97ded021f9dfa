using System.Security.Claims;

namespace Qtickets.Sync.Api.Auth;

/// <summary>Authorization policy names, one per scope; endpoints say <c>.RequireAuthorization(AuthPolicies.Read)</c>.</summary>
public static class AuthPolicies
{
    public const string Read = ApiScopes.Read;
    public const string ReadPii = ApiScopes.ReadPii;
    public const string Admin = ApiScopes.Admin;
    public const string Actions = ApiScopes.Actions;
    public const string PiiErase = ApiScopes.PiiErase;

    public static bool HasScope(this ClaimsPrincipal user, string scope) => user.HasClaim(ApiScopes.ClaimType, scope);
}
