namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// Hand-written SQL of the chunked full recomputes (issue 30): where a stopped drift check or rebuild resumes, and
/// the indexes that size and bound their chunks. Kept out of the migration class so it can be re-applied when
/// migrations are regenerated.
/// </summary>
public static class DailySalesProgressSql
{
    /// <summary>
    /// <c>drift_*</c>: the drift check's cursor (source, last day checked) and the rows it found differing so far;
    /// <c>rebuild_after_source</c>: the rebuild's cursor gains the platform, as Ticketscloud events are rebuilt one by
    /// one too. A rebuild under way when this runs was walking QTickets events.
    /// </summary>
    public const string Add = """
        ALTER TABLE daily_sales_state ADD COLUMN rebuild_after_source text;
        UPDATE daily_sales_state SET rebuild_after_source = 'qtickets' WHERE rebuild_after_account IS NOT NULL;
        ALTER TABLE daily_sales_state ADD COLUMN drift_source text;
        ALTER TABLE daily_sales_state ADD COLUMN drift_after_day date;
        ALTER TABLE daily_sales_state ADD COLUMN drift_differing integer NOT NULL DEFAULT 0;
        ALTER TABLE daily_sales_state ADD COLUMN drift_started_at timestamptz;

        CREATE INDEX ix_daily_sales_source_day ON daily_sales (source, day);
        CREATE INDEX ix_ticketscloud_orders_done_at ON ticketscloud_orders (done_at) WHERE done_at IS NOT NULL;
        """;

    public const string Drop = """
        DROP INDEX IF EXISTS ix_ticketscloud_orders_done_at;
        DROP INDEX IF EXISTS ix_daily_sales_source_day;
        ALTER TABLE daily_sales_state DROP COLUMN drift_started_at;
        ALTER TABLE daily_sales_state DROP COLUMN drift_differing;
        ALTER TABLE daily_sales_state DROP COLUMN drift_after_day;
        ALTER TABLE daily_sales_state DROP COLUMN drift_source;
        ALTER TABLE daily_sales_state DROP COLUMN rebuild_after_source;
        """;
}
