using Microsoft.Extensions.Options;

namespace Qtickets.Emulator.Faults;

/// <summary>What the API fault roll decided for one request.</summary>
public readonly record struct ApiFault(int? Status, int DelayMs, int RetryAfterSeconds);

/// <summary>What the webhook fault roll decided for one webhook.</summary>
public readonly record struct WebhookFault(bool Drop, bool Duplicate, bool Reorder, int DelayMs);

/// <summary>
/// Current fault settings plus the seeded dice. API, webhook and paging faults each have their own generator so
/// that, for a given seed, the same sequence of webhooks meets the same faults however the API is being polled.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly Lock _gate = new();
    private readonly Random _apiDice;
    private readonly Random _webhookDice;
    private readonly Random _pagingDice;
    private FaultSettings _settings;

    public EmulatorFaults(IOptions<EmulatorOptions> options)
    {
        var seed = options.Value.Seed;
        _settings = options.Value.Faults with { };
        _apiDice = new Random(seed ^ 0x0A91);
        _webhookDice = new Random(seed ^ 0x0B07);
        _pagingDice = new Random(seed ^ 0x0C55);
    }

    /// <summary>
    /// Replaceable at run time; invalid settings throw <see cref="ArgumentException"/>. Copies go in and out so
    /// nobody changes the live settings behind the validation.
    /// </summary>
    public FaultSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings with { };
            }
        }

        set
        {
            var errors = value.Validate().ToList();
            if (errors.Count > 0)
            {
                throw new ArgumentException(string.Join(" ", errors), nameof(value));
            }

            lock (_gate)
            {
                _settings = value with { };
            }
        }
    }

    public ApiFault NextApiFault()
    {
        lock (_gate)
        {
            var s = _settings;
            var roll = _apiDice.NextDouble() * 100;
            var slow = _apiDice.NextDouble() * 100 < s.SlowPercent ? s.SlowDelayMs : 0;
            int? status = roll < s.Api429Percent ? StatusCodes.Status429TooManyRequests
                : roll < s.Api429Percent + s.Api500Percent ? StatusCodes.Status500InternalServerError
                : roll < s.Api429Percent + s.Api500Percent + s.Api503Percent ? StatusCodes.Status503ServiceUnavailable
                : null;
            return new ApiFault(status, slow, s.RetryAfterSeconds);
        }
    }

    public WebhookFault NextWebhookFault()
    {
        lock (_gate)
        {
            var s = _settings;
            return new WebhookFault(
                _webhookDice.NextDouble() * 100 < s.WebhookDropPercent,
                _webhookDice.NextDouble() * 100 < s.WebhookDuplicatePercent,
                _webhookDice.NextDouble() * 100 < s.WebhookReorderPercent,
                s.WebhookDelayMs);
        }
    }

    public bool NextShiftPages()
    {
        lock (_gate)
        {
            return _pagingDice.NextDouble() * 100 < _settings.ShiftingPagesPercent;
        }
    }
}
