namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>Schedules and horizons of the reconciliation jobs, bound from the <c>Reconcile</c> section.</summary>
public sealed class ReconcileOptions
{
    public const string Section = "Reconcile";

    /// <summary>
    /// The field report's setting name (docs/sources.md, "Field report"), accepted as a fallback for
    /// <see cref="InitialHorizonHours"/>.
    /// </summary>
    public const string SinceHoursEnvironmentVariable = "QTICKETS_SINCE_HOURS";

    public string IncrementalCron { get; set; } = "*/5 * * * *";

    /// <summary>How far behind the watermark the incremental run starts, to catch orders committed late upstream.</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How far back an account's first sync loads its history, in hours of <c>updated_at</c> before the load
    /// starts; 0 (the default) loads everything QTickets serves. Only the first run of an account that has never
    /// synced loads history; later runs are incremental.
    /// </summary>
    public int InitialHorizonHours { get; set; }

    public string FullSweepCron { get; set; } = "0 3 * * *";

    public int FullSweepHorizonDays { get; set; } = 365;

    public string CatalogCron { get; set; } = "0 * * * *";

    public int PageSize { get; set; } = 200;

    /// <summary>
    /// Where the server ignores the <c>updated_at</c> filter, the incremental run reads the listing's tail back
    /// to the first whole page of orders created this many hours ago.
    /// </summary>
    public int TailHours { get; set; } = 72;

    /// <summary>Time zone the cron expressions are read in.</summary>
    public string TimeZone { get; set; } = "Europe/Moscow";
}
