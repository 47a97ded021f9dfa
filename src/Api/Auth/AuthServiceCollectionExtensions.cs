using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Auth;

public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .PostConfigure(options => FoldIndexedAccounts(options, configuration))
            .PostConfigure(NameUnnamedKeys)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthProblemResultHandler>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Read, p => p.RequireClaim(ApiScopes.ClaimType, ApiScopes.Read))
            .AddPolicy(AuthPolicies.ReadPii, p => p.RequireClaim(ApiScopes.ClaimType, ApiScopes.ReadPii))
            .AddPolicy(AuthPolicies.Admin, p => p.RequireClaim(ApiScopes.ClaimType, ApiScopes.Admin))
            .AddPolicy(AuthPolicies.Actions, p => p.RequireClaim(ApiScopes.ClaimType, ApiScopes.Actions))
            .AddPolicy(AuthPolicies.PiiErase, p => p.RequireClaim(ApiScopes.ClaimType, ApiScopes.PiiErase));
        return services;
    }

    /// <summary>A key without <c>Auth:ApiKeys:n:Name</c> is <c>key-n</c>, so every command and log line names one key.</summary>
    private static void NameUnnamedKeys(AuthOptions options)
    {
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            key.Name = string.IsNullOrWhiteSpace(key.Name) ? $"key-{i}" : key.Name.Trim();
        }
    }

    /// <summary>
    /// <c>Auth:ApiKeys:n:Accounts:m</c> (a list) means the same as <c>Auth:ApiKeys:n:Accounts</c> (comma-separated);
    /// the binder would silently drop the list form, and a dropped limit is a key that reads every account.
    /// </summary>
    private static void FoldIndexedAccounts(AuthOptions options, IConfiguration configuration)
    {
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var listed = configuration.GetSection($"{AuthOptions.Section}:ApiKeys:{i}:Accounts").GetChildren()
                .Select(c => c.Value).OfType<string>().ToList();
            if (listed.Count > 0)
            {
                options.ApiKeys[i].Accounts = string.Join(",", ApiKeyAccounts.Parse(options.ApiKeys[i].Accounts).Concat(listed));
            }
        }
    }
}
