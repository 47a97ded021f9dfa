namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// How far ahead of the clock a platform's own change stamp may be before the row is quarantined
/// (<c>FutureStamp</c>), for any platform's pages. Bound from the documented setting <c>Qtickets:MaxFutureSkew</c>
/// (docs/configuration.md), the one name it has had since the rule was written; the QTickets options bind the same
/// key, so both read one value.
/// </summary>
public sealed class FutureStampOptions
{
    public const string Section = "Qtickets";

    /// <summary>The one default, for both bindings of the key.</summary>
    public static readonly TimeSpan DefaultMaxFutureSkew = TimeSpan.FromDays(1);

    public TimeSpan MaxFutureSkew { get; set; } = DefaultMaxFutureSkew;
}
