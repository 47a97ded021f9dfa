namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// What a set-aside row needs to know of the delivery inbox it is kept in: how many apply attempts a delivery
/// has, so a row the applier cannot apply is stored as having had them all (out of tries). Bound from the
/// documented <c>Webhooks:MaxApplyAttempts</c> (docs/configuration.md), the key the webhook applier reads and
/// validates, so both read one value without the page frame knowing the webhook module.
/// </summary>
public sealed class SetAsideOptions
{
    public const string Section = "Webhooks";

    /// <summary>The one default, for both bindings of the key (the applier's <c>WebhookOptions</c> too).</summary>
    public const int DefaultMaxApplyAttempts = 5;

    public int MaxApplyAttempts { get; set; } = DefaultMaxApplyAttempts;
}
