using System.Security.Claims;

namespace Qtickets.Sync.Api.Auth;

/// <summary>
/// The accounts an API key may read (<c>Auth:ApiKeys:n:Accounts</c>), carried as one claim per account. A key
/// without the setting carries none and reads every account.
/// </summary>
public static class ApiKeyAccounts
{
    public const string ClaimType = "account";

    /// <summary>Comma- or space-separated account names, as <c>Auth:ApiKeys:n:Accounts=north,south</c> gives them.</summary>
    public static IEnumerable<string> Parse(string? accounts) =>
        (accounts ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The accounts the caller is limited to, or null when it may read every account.</summary>
    public static IReadOnlySet<string>? Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var names = user.FindAll(ClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return names.Count == 0 ? null : names;
    }

    public static bool IsLimited(this ClaimsPrincipal user) => Of(user) is not null;
}
