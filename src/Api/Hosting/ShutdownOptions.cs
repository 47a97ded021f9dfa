using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Hosting;

/// <summary>How long a stopping host lets requests and jobs finish (<c>Host:ShutdownTimeoutSeconds</c>).</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Host";

    public int ShutdownTimeoutSeconds { get; set; } = 30;
}

internal sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options) =>
        options.ShutdownTimeoutSeconds is >= 1 and <= 3600
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Host:ShutdownTimeoutSeconds must be between 1 and 3600.");
}
