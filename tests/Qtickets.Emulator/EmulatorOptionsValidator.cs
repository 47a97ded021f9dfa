using Microsoft.Extensions.Options;

namespace Qtickets.Emulator;

/// <summary>Fails start-up on settings that would make the emulator lie quietly.</summary>
public sealed class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        var errors = new List<string>();
        if (options.Orders is < 1 or > 5_000_000)
        {
            errors.Add("Emulator:Orders must be between 1 and 5,000,000.");
        }

        if (options.HorizonDays is <= 0 or > 9_000)
        {
            errors.Add("Emulator:HorizonDays must be in (0, 9000] (times are kept as seconds since 2000).");
        }

        if (options.Organizers is < 1 or > 10_000 || options.OrdersPerOrganizer is < 1 or > 1_000_000)
        {
            errors.Add("Emulator:Organizers must be in [1, 10000] and Emulator:OrdersPerOrganizer in [1, 1000000].");
        }

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            errors.Add("Emulator:Token must not be empty.");
        }

        if (!string.IsNullOrEmpty(options.WebhookUrl)
            && !(Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors.Add("Emulator:WebhookUrl must be an absolute http(s) URL.");
        }

        if (options.WebhookRetryScale < 0 || options.WebhookMaxRetries is < 0 or > 100)
        {
            errors.Add("Emulator:WebhookRetryScale must be >= 0 and Emulator:WebhookMaxRetries in [0, 100].");
        }

        if (options.ActivityPerSecond is < 0 or > 10_000)
        {
            errors.Add("Emulator:ActivityPerSecond must be in [0, 10000].");
        }

        errors.AddRange(options.Faults.Validate().Select(e => "Emulator:Faults:" + e));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
