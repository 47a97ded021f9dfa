namespace Qtickets.Sync.Api.Auth;

/// <summary>
/// Scopes an API key can carry. They nest: <c>admin</c> includes <c>read:pii</c>, which includes <c>read</c>.
/// <c>actions</c> (changing orders on the platforms: refunds, restores, Ticketscloud order changes) stands apart so
/// a support tool can act without reading everything; <c>admin</c> includes it too, and <c>pii:erase</c>.
/// </summary>
public static class ApiScopes
{
    public const string Read = "read";
    public const string ReadPii = "read:pii";
    public const string Admin = "admin";
    public const string Actions = "actions";

    /// <summary>Erasing a person's data on their request (152-FZ); <c>admin</c> includes it.</summary>
    public const string PiiErase = "pii:erase";
    public const string ClaimType = "scope";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Read, ReadPii, Admin, Actions, PiiErase };

    public static IEnumerable<string> Parse(string scopes) =>
        scopes.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The scopes granted once nesting is applied.</summary>
    public static IReadOnlySet<string> Expand(IEnumerable<string> scopes)
    {
        var granted = new HashSet<string>(scopes, StringComparer.Ordinal);
        if (granted.Contains(Admin))
        {
            granted.Add(ReadPii);
            granted.Add(Actions);
            granted.Add(PiiErase);
        }
        if (granted.Contains(ReadPii))
        {
            granted.Add(Read);
        }
        return granted;
    }
}
