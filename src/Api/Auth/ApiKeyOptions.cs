using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Api.Auth;

/// <summary>
/// API keys for the read and admin API (<c>Auth:ApiKeys:n:Key</c>, <c>Auth:ApiKeys:n:Scopes</c>,
/// <c>Auth:ApiKeys:n:Accounts</c>, <c>Auth:ApiKeys:n:Name</c>).
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
}

public sealed class ApiKeyOptions
{
    /// <summary>
    /// Who the key belongs to, as logs and <c>requested_by</c> of order commands record it (the key itself never
    /// is); unique. Unset: <c>key-n</c>.
    /// </summary>
    public string? Name { get; set; }
    public string Key { get; set; } = "";

    /// <summary>Space- or comma-separated: <c>read</c>, <c>read:pii</c>, <c>admin</c>, <c>actions</c>.</summary>
    public string Scopes { get; set; } = ApiScopes.Read;

    /// <summary>
    /// The accounts (<c>Accounts:n:Name</c>) this key may read, comma- or space-separated; null or empty: every
    /// account. The indexed form <c>Auth:ApiKeys:n:Accounts:m</c> is folded in here on binding.
    /// </summary>
    public string? Accounts { get; set; }

    public IReadOnlyList<string> AccountNames => [.. ApiKeyAccounts.Parse(Accounts).Distinct(StringComparer.Ordinal)];
}

internal sealed class AuthOptionsValidator(AccountDirectory accounts) : IValidateOptions<AuthOptions>
{
    /// <summary>What <c>order_commands.requested_by</c> holds.</summary>
    private const int MaxNameLength = 200;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            if (key.Key.Length < 16)
            {
                return ValidateOptionsResult.Fail($"Auth:ApiKeys:{i}:Key must be at least 16 characters.");
            }
            if (key.Name is { Length: > MaxNameLength })
            {
                return ValidateOptionsResult.Fail($"Auth:ApiKeys:{i}:Name may have at most {MaxNameLength} characters.");
            }
            if (key.Name is { } keyName && options.ApiKeys.FindIndex(k => k.Name == keyName) is var first && first != i)
            {
                // Two keys with one name would make the audit trail unable to tell who did what.
                return ValidateOptionsResult.Fail(
                    $"Auth:ApiKeys:{i}:Name '{keyName}' is already the name of Auth:ApiKeys:{first}; key names must be unique.");
            }
            var unknown = ApiScopes.Parse(key.Scopes).Where(s => !ApiScopes.All.Contains(s)).ToList();
            if (unknown.Count > 0)
            {
                return ValidateOptionsResult.Fail(
                    $"Auth:ApiKeys:{i}:Scopes has unknown scope(s) {string.Join(", ", unknown)}; use read, read:pii, admin or actions.");
            }
            var configured = accounts.Configured.Select(a => a.Name).ToList();
            var strangers = key.AccountNames.Where(n => !configured.Contains(n, StringComparer.Ordinal)).ToList();
            if (strangers.Count > 0)
            {
                // A typo here would otherwise lock the key out of everything, or (worse, if ignored) open it to all.
                return ValidateOptionsResult.Fail(
                    $"Auth:ApiKeys:{i}:Accounts names {string.Join(", ", strangers.Select(n => $"'{n}'"))}, not a configured account; configured: {string.Join(", ", configured)}.");
            }
        }
        return ValidateOptionsResult.Success;
    }
}
