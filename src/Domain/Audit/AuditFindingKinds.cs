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

    public static readonly IReadOnlyList<string> All = [MissingInMirror, GoneUpstream, Differs];
}
