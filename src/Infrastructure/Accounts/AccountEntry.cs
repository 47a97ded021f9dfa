namespace Qtickets.Sync.Infrastructure.Accounts;

/// <summary>
/// One <c>Accounts:n</c> section as written, every value still text, so that validation can name each bad
/// setting (<c>Accounts:3:RequestsPerSecond</c>) instead of failing on the first value that does not bind.
/// </summary>
public sealed class AccountEntry
{
    /// <summary>The <c>n</c> of <c>Accounts:n</c>.</summary>
    public string Key { get; init; } = "";
    public string? Name { get; init; }
    public string? Platform { get; init; }
    public string? BaseUrl { get; init; }
    public string? Token { get; init; }
    public IReadOnlyList<string?> WebhookSecrets { get; init; } = [];
    public string? Organization { get; init; }
    public string? RequestsPerSecond { get; init; }
    public string? Enabled { get; init; }

    public string Setting(string field) => $"{AccountsOptions.Section}:{Key}:{field}";
}
