namespace Qtickets.Sync.Domain.Audit;

/// <summary>
/// The outcome of one audit run: its verdict and the totals of both sides over the orders it compared
/// (docs/reconcile.md#audit).
/// </summary>
public sealed class AuditResult
{
    public long RunId { get; set; }
    public int AccountId { get; set; }

    /// <summary><c>equal</c>, or <c>n differences</c>.</summary>
    public string Verdict { get; set; } = EqualVerdict;
    public int Differences { get; set; }

    /// <summary>Rows that changed while the audit walked (upstream or in the mirror): not compared, not differences.</summary>
    public int InFlight { get; set; }

    /// <summary>When the walk started: a row changed after this (less the clock margin) is in flight.</summary>
    public DateTimeOffset WalkStartedAt { get; set; }
    public int MirrorOrders { get; set; }
    public int MirrorTickets { get; set; }
    public decimal MirrorPaidSum { get; set; }
    public decimal MirrorRefunds { get; set; }
    public int PlatformOrders { get; set; }
    public int PlatformTickets { get; set; }
    public decimal PlatformPaidSum { get; set; }
    public decimal PlatformRefunds { get; set; }

    public const string EqualVerdict = "equal";

    public static string VerdictOf(int differences) => differences == 0 ? EqualVerdict : $"{differences} differences";
}
