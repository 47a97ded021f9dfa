using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.PersonalData;

/// <summary>
/// <c>PersonalData:*</c>. <see cref="HashKey"/> keys the hashes an erasure is remembered by: without it a hash of
/// an e-mail could be reversed by hashing a list of e-mails, so it is a secret. Unset, the database's own random key
/// is used (<see cref="PersonalIdentifiers"/>); set it to keep the key outside the database and its backups.
/// <see cref="RetainDays"/>, when set, masks buyers' data of events that ended that many days ago.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";
    public const int MinimumKeyLength = 32;

    public string HashKey { get; set; } = "";

    public int? RetainDays { get; set; }

    /// <summary>When the retention job runs (cron, in <c>Reconcile:TimeZone</c>).</summary>
    public string RetentionCron { get; set; } = "15 3 * * *";
}

internal sealed class PersonalDataOptionsValidator : IValidateOptions<PersonalDataOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options)
    {
        var failures = new List<string>();
        if (options.HashKey.Trim().Length is > 0 and < PersonalDataOptions.MinimumKeyLength)
        {
            failures.Add($"{PersonalDataOptions.Section}:HashKey must be a secret of at least {PersonalDataOptions.MinimumKeyLength} characters "
                + "(it keys the hashes erased buyers are remembered by; e.g. `openssl rand -hex 32`)");
        }
        if (options.RetainDays is < 1)
        {
            failures.Add($"{PersonalDataOptions.Section}:RetainDays must be at least 1 day, or unset to keep personal data");
        }
        if (string.IsNullOrWhiteSpace(options.RetentionCron))
        {
            failures.Add($"{PersonalDataOptions.Section}:RetentionCron is required");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
