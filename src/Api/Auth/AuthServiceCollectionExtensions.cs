using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Auth;

public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Read, p => p.RequireClaim(ApiScopes.ClaimType, ApiScopes.Read))
            .AddPolicy(AuthPolicies.ReadPii, p => p.RequireClaim(ApiScopes.ClaimType, ApiScopes.ReadPii))
            .AddPolicy(AuthPolicies.Admin, p => p.RequireClaim(ApiScopes.ClaimType, ApiScopes.Admin))
            .AddPolicy(AuthPolicies.Actions, p => p.RequireClaim(ApiScopes.ClaimType, ApiScopes.Actions));
        return services;
    }
}
