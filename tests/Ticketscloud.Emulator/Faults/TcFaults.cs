using Microsoft.Extensions.Options;

namespace Ticketscloud.Emulator.Faults;

/// <summary>Current fault settings and the seeded dice that decide, request by request, whether to fail.</summary>
public sealed class TcFaults
{
    private readonly Lock gate = new();
    private readonly Random dice;
    private TcFaultSettings settings;

    public TcFaults(IOptions<TcEmulatorOptions> options)
    {
        settings = options.Value.Faults with { };
        dice = new Random(options.Value.Seed ^ 0x7C1);
    }

    public TcFaultSettings Settings
    {
        get
        {
            lock (gate)
            {
                return settings with { };
            }
        }
        set
        {
            var errors = value.Validate().ToList();
            if (errors.Count > 0)
            {
                throw new ArgumentException(string.Join(" ", errors), nameof(value));
            }
            lock (gate)
            {
                settings = value with { };
            }
        }
    }

    /// <summary>The status to answer instead of the real one, or null to serve the request.</summary>
    public (int? Status, int RetryAfterSeconds) Next()
    {
        lock (gate)
        {
            var roll = dice.NextDouble() * 100;
            var s = settings;
            int? status = roll < s.Api429Percent ? StatusCodes.Status429TooManyRequests
                : roll < s.Api429Percent + s.Api500Percent ? StatusCodes.Status500InternalServerError
                : roll < s.Api429Percent + s.Api500Percent + s.Api503Percent ? StatusCodes.Status503ServiceUnavailable
                : null;
            return (status, s.RetryAfterSeconds);
        }
    }
}
