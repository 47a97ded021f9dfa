using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Auth;

/// <summary>
/// Authenticates <c>X-Api-Key</c>, or <c>Authorization: Bearer</c> for clients that cannot send a custom header
/// (a stock Prometheus), against the configured keys, comparing in constant time. The principal is named after
/// the key (<c>Auth:ApiKeys:n:Name</c>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    private const string UnknownKeyMessage = "Unknown API key.";
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Presented(Request) is not { } presentedText)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var presented = Encoding.UTF8.GetBytes(presentedText);
        ApiKeyOptions? match = null;
        foreach (var key in auth.CurrentValue.ApiKeys)
        {
            // Every configured key is compared so the time taken does not reveal which one nearly matched.
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key.Key)))
            {
                match = key;
            }
        }
        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail(UnknownKeyMessage));
        }
        var claims = ApiScopes.Expand(ApiScopes.Parse(match.Scopes))
            .Select(s => new Claim(ApiScopes.ClaimType, s))
            .Concat(match.AccountNames.Select(a => new Claim(ApiKeyAccounts.ClaimType, a)))
            .Append(new Claim(ClaimTypes.Name, match.Name!));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>The key the request carries, if any: <c>X-Api-Key</c> first, then a Bearer token.</summary>
    public static string? Presented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[HeaderName].ToString();
        if (!string.IsNullOrEmpty(header))
        {
            return header;
        }
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && authorization.Length > BearerPrefix.Length
            ? authorization[BearerPrefix.Length..].Trim()
            : null;
    }
}
