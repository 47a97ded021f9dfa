namespace Qtickets.Sync.Infrastructure.Accounts;

/// <summary>
/// One account as configured, defaults applied. <see cref="SettingsPrefix"/> says where its settings live
/// (<c>Qtickets</c> for the single-account settings, <c>Accounts:n</c> otherwise), for messages that name them.
/// </summary>
public sealed record AccountSettings(
    string Name,
    string Platform,
    string BaseUrl,
    string Token,
    IReadOnlyList<string> WebhookSecrets,
    string? Organization,
    int RequestsPerSecond,
    bool Enabled,
    string SettingsPrefix)
{
    public const string QticketsPrefix = "Qtickets";

    /// <summary>The account the single-account <c>Qtickets:…</c> settings describe.</summary>
    public bool FromQticketsSettings => SettingsPrefix == QticketsPrefix;

    /// <summary>Secrets are not printed, not even in logs of the settings record.</summary>
    public override string ToString() => $"{Name} ({Platform}, {SettingsPrefix})";
}
