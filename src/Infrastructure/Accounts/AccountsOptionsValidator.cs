using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Accounts;

namespace Qtickets.Sync.Infrastructure.Accounts;

/// <summary>
/// Checks every <c>Accounts:n</c> section, and the single-account settings' webhook secrets, and names each bad
/// setting as it is spelled in configuration. The rest of the single-account settings are checked by the
/// validator of the <c>Qtickets</c> section.
/// </summary>
public sealed partial class AccountsOptionsValidator : IValidateOptions<AccountsOptions>
{
    public const int MaxNameLength = 64;

    public ValidateOptionsResult Validate(string? name, AccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.UsesQticketsSettings)
        {
            seen[Account.DefaultName] = "the Qtickets:… settings (they mean the account 'default')";
        }
        CheckSecrets(AccountsOptions.SectionWebhookSecretsKey, options.SectionWebhookSecrets, options.UsesQticketsSettings && !options.AllowUnsigned, failures);
        foreach (var entry in options.Entries)
        {
            Check(entry, options.AllowUnsigned, seen, failures);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(AccountEntry entry, bool allowUnsigned, Dictionary<string, string> seen, List<string> failures)
    {
        if (string.IsNullOrEmpty(entry.Name))
        {
            failures.Add($"{entry.Setting("Name")} is required (a slug of a-z, 0-9 and '-', e.g. 'venue-north')");
        }
        else if (entry.Name.Length > MaxNameLength || !Slug().IsMatch(entry.Name))
        {
            failures.Add($"{entry.Setting("Name")} '{entry.Name}' must be a slug of a-z, 0-9 and '-' (at most {MaxNameLength} characters)");
        }
        else if (!seen.TryAdd(entry.Name, entry.Setting("Name")))
        {
            failures.Add($"{entry.Setting("Name")} '{entry.Name}' is already used by {seen[entry.Name]}; account names must be unique");
        }

        var platform = entry.Platform ?? AccountPlatforms.Qtickets;
        if (!AccountPlatforms.All.Contains(platform))
        {
            failures.Add($"{entry.Setting("Platform")} '{entry.Platform}' is not one of {string.Join(", ", AccountPlatforms.All)}");
        }
        if (entry.BaseUrl is { Length: > 0 } url && BaseUrlProblem(url) is { } problem)
        {
            failures.Add($"{entry.Setting("BaseUrl")} {problem}, got '{url}'");
        }
        var enabled = true;
        if (entry.Enabled is { Length: > 0 } flag && !bool.TryParse(flag, out enabled))
        {
            failures.Add($"{entry.Setting("Enabled")} must be true or false, got '{flag}'");
        }
        if (enabled && string.IsNullOrWhiteSpace(entry.Token))
        {
            failures.Add($"{entry.Setting("Token")} is required (the account's API token; or {entry.Setting("Enabled")}=false)");
        }
        if (entry.RequestsPerSecond is { Length: > 0 } rate && (!int.TryParse(rate, out var perSecond) || perSecond < 0))
        {
            failures.Add($"{entry.Setting("RequestsPerSecond")} must be 0 (unlimited) or a positive whole number, got '{rate}'");
        }
        CheckSecrets(entry.Setting("WebhookSecrets"), entry.WebhookSecrets, platform == AccountPlatforms.Qtickets && enabled && !allowUnsigned, failures);
    }

    /// <param name="required">The account takes signed webhooks only, so it cannot go without a secret.</param>
    private static void CheckSecrets(string setting, IReadOnlyList<string?> secrets, bool required, List<string> failures)
    {
        if (secrets.Any(string.IsNullOrEmpty))
        {
            failures.Add($"{setting} must not contain empty secrets");
        }
        else if (required && secrets.Count == 0)
        {
            failures.Add(
                $"{setting} is empty: set the secret from the QTickets cabinet, or Webhooks:AllowUnsigned=true " +
                "to accept unsigned webhooks (each is then verified by fetching the order)");
        }
    }

    /// <summary>The same rule as <c>Qtickets:BaseUrl</c>: the token travels in every request.</summary>
    public static string? BaseUrlProblem(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "must be an absolute http(s) URL";
        }
        return uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback ? "must be https unless it points at a loopback address" : null;
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex Slug();
}
