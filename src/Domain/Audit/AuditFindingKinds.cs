namespace Qtickets.Sync.Domain.Audit;

/// <summary>How the mirror and the platform disagree about one order or ticket.</summary>
public static class AuditFindingKinds
{
    /// <summary>The platform has it; the mirror does not.</summary>
    public const string MissingInMirror = "missing_in_mirror";

    /// <summary>The mirror has it; the platform no longer does (404 on the order, or the ticket is no longer listed).</summary>
    public const string GoneUpstream = "gone_upstream";

    /// <summary>Both have it, with different business content (docs/business-content.md); both values are kept.</summary>
    public const string Differs = "differs";

    /// <summary>
    /// A day of an event whose <c>daily_sales</c> totals differ from those of the audited orders (the recompute over
    /// them, docs/sales-rules.md); both values of each differing measure are kept.
    /// </summary>
    public const string SalesDrift = "sales_drift";

    public static readonly IReadOnlyList<string> All = [MissingInMirror, GoneUpstream, Differs, SalesDrift];
}
