namespace Qtickets.Sync.Domain.Changes;

/// <summary>Which path brought a change: its <c>source</c> in history and feed, with the id of the delivery, run or command.</summary>
public static class ChangeSources
{
    /// <summary>A webhook delivery (its body, or the order fetched back for it).</summary>
    public const string Webhook = "webhook";

    public const string Incremental = "incremental";
    public const string FullSweep = "full_sweep";
    public const string Backfill = "backfill";

    /// <summary>The order a platform returned to an order action.</summary>
    public const string Command = "command";

    /// <summary>The one entry an order already in the mirror when history started gets (no id).</summary>
    public const string Baseline = "baseline";
}
