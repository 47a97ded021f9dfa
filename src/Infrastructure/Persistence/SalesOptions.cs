using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>How sales are bucketed into days.</summary>
public sealed class SalesOptions
{
    public const string Section = "Sales";

    /// <summary>IANA time zone whose local calendar day a sale belongs to.</summary>
    public string TimeZone { get; set; } = "Europe/Moscow";
}

internal sealed class SalesOptionsValidator : IValidateOptions<SalesOptions>
{
    public ValidateOptionsResult Validate(string? name, SalesOptions options) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Sales:TimeZone '{options.TimeZone}' is not a known time zone (use an IANA id such as Europe/Moscow).");
}
