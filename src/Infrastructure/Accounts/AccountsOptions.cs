using Microsoft.Extensions.Configuration;

namespace Qtickets.Sync.Infrastructure.Accounts;

/// <summary>
/// The accounts this deployment syncs: every <c>Accounts:n</c> section, and the single-account settings
/// (<c>Qtickets:Token</c>, <c>Qtickets:WebhookSecrets</c>, …) as the account named <c>default</c> when no account
/// is listed or <c>Qtickets:Token</c> is set beside the list (an existing deployment adding accounts keeps its own).
/// </summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Where the single-account settings keep their webhook secrets.</summary>
    public const string SectionWebhookSecretsKey = "Qtickets:WebhookSecrets";

    public List<AccountEntry> Entries { get; } = [];

    /// <summary>True when the <c>Qtickets:…</c> settings describe the account <c>default</c>.</summary>
    public bool UsesQticketsSettings { get; set; } = true;

    /// <summary>
    /// <c>Webhooks:AllowUnsigned</c>: an account may then go without webhook secrets. Its deliveries are then only
    /// notices: the order is fetched back from the API (as with <c>Qtickets:VerifyByFetch</c>), since anyone who
    /// knows the URL could have sent them.
    /// </summary>
    public bool AllowUnsigned { get; set; }

    /// <summary>
    /// <c>Qtickets:WebhookSecrets</c>, the secrets of the account the single-account settings describe (set in the
    /// QTickets cabinet next to the API token); more than one while a secret is being rotated.
    /// </summary>
    public IReadOnlyList<string?> SectionWebhookSecrets { get; set; } = [];

    public static bool ListsAccounts(IConfiguration configuration) =>
        configuration.GetSection(Section).GetChildren().Any();

    public static bool QticketsSettingsDescribeAccount(IConfiguration configuration) =>
        !ListsAccounts(configuration) || !string.IsNullOrWhiteSpace(configuration["Qtickets:Token"]);

    /// <summary>Reads the sections as text, in the order of their keys (numeric where they are numbers).</summary>
    public static void Read(IConfiguration configuration, AccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        options.UsesQticketsSettings = QticketsSettingsDescribeAccount(configuration);
        options.AllowUnsigned = bool.TryParse(configuration["Webhooks:AllowUnsigned"], out var unsigned) && unsigned;
        options.SectionWebhookSecrets = configuration.GetSection(SectionWebhookSecretsKey).Get<string?[]>() ?? [];
        options.Entries.Clear();
        var sections = configuration.GetSection(Section).GetChildren()
            .OrderBy(c => int.TryParse(c.Key, out var n) ? n : int.MaxValue).ThenBy(c => c.Key, StringComparer.Ordinal);
        foreach (var section in sections)
        {
            options.Entries.Add(new AccountEntry
            {
                Key = section.Key,
                Name = section["Name"]?.Trim(),
                Platform = section["Platform"]?.Trim(),
                BaseUrl = section["BaseUrl"]?.Trim(),
                Token = section["Token"],
                WebhookSecrets = [.. section.GetSection("WebhookSecrets").GetChildren()
                    .OrderBy(c => int.TryParse(c.Key, out var n) ? n : int.MaxValue).Select(c => c.Value)],
                Organization = section["Organization"],
                RequestsPerSecond = section["RequestsPerSecond"],
                Enabled = section["Enabled"],
            });
        }
    }
}
