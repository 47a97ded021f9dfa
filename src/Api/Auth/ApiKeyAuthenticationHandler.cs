using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Auth;

/// <summary>Authenticates <c>X-Api-Key</c> against the configured keys, comparing in constant time.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var presented = Encoding.UTF8.GetBytes(values.ToString());
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
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }
        var claims = ApiScopes.Expand(ApiScopes.Parse(match.Scopes))
            .Select(s => new Claim(ApiScopes.ClaimType, s))
            .Concat(match.AccountNames.Select(a => new Claim(ApiKeyAccounts.ClaimType, a)))
            .Append(new Claim(ClaimTypes.Name, match.Name ?? "api-key"));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
