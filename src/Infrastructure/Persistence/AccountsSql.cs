namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// Hand-written SQL of migration Accounts (issue 11), kept out of the migration class so the migration can be
/// regenerated around it: the account every existing row moves to, and the daily sales tables (SalesSql owns
/// them, so EF does not alter them).
/// </summary>
public static class AccountsSql
{
    /// <summary>
    /// The tables that gain <c>account_id</c>. The migration adds it with the default account's id as the column
    /// default, which fills every existing row in the same statement, then drops that default: from here on a
    /// writer must say which account a row is for.
    /// </summary>
    public static readonly IReadOnlyList<string> Tables =
    [
        "qtickets_orders", "qtickets_baskets", "qtickets_clients", "qtickets_events", "qtickets_shows",
        "webhook_deliveries", "sync_runs", "sync_state", "qtickets_request_slots",
    ];

    /// <summary>The account the rows written before accounts existed belong to; the next account gets id 2.</summary>
    public const string InsertDefaultAccount = """
        INSERT INTO accounts (id, name, platform, organization, enabled, created_at, updated_at)
        VALUES (1, 'default', 'qtickets', NULL, true, now(), now());
        ALTER TABLE accounts ALTER COLUMN id RESTART WITH 2;
        """;

    public static string DropAccountDefaults() => string.Join("\n",
        Tables.Select(t => $"ALTER TABLE {t} ALTER COLUMN account_id DROP DEFAULT;"));

    /// <summary>Going back to one account: only the default account's rows can stay under the old keys.</summary>
    public static string DeleteOtherAccountsRows() => string.Join("\n",
        Tables.Select(t => $"DELETE FROM {t} WHERE account_id <> 1;"));

    /// <summary>The daily sales runs are about the whole deployment, not one account.</summary>
    public const string DeploymentWideRuns = """
        UPDATE sync_runs SET account_id = NULL WHERE kind IN ('sales_drift', 'sales_rebuild');
        """;

    /// <summary>
    /// The maintained daily sales table, its queue and its state gain the account; rows already there are the
    /// default account's. The rebuild's cursor becomes (account, event).
    /// </summary>
    public const string AlterSalesTables = """
        ALTER TABLE daily_sales ADD COLUMN account_id integer NOT NULL DEFAULT 1;
        ALTER TABLE daily_sales ALTER COLUMN account_id DROP DEFAULT;
        ALTER TABLE daily_sales DROP CONSTRAINT pk_daily_sales;
        ALTER TABLE daily_sales ADD CONSTRAINT pk_daily_sales PRIMARY KEY (source, account_id, day, event_id, show_id);
        ALTER TABLE daily_sales ADD CONSTRAINT fk_daily_sales_accounts_account_id
            FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE RESTRICT;

        ALTER TABLE daily_sales_queue ADD COLUMN account_id integer NOT NULL DEFAULT 1;
        ALTER TABLE daily_sales_queue ALTER COLUMN account_id DROP DEFAULT;

        ALTER TABLE daily_sales_state ADD COLUMN rebuild_after_account integer;

        DROP INDEX IF EXISTS ix_qtickets_baskets_refunded_at_sales;
        CREATE INDEX ix_qtickets_baskets_refunded_at_sales ON qtickets_baskets (refunded_at)
            INCLUDE (account_id, order_id, show_id, quantity, refunded_amount) WHERE refunded_at IS NOT NULL;
        """;

    /// <summary>Undoes <see cref="AlterSalesTables"/> for the rows of the default account; others are dropped.</summary>
    public const string RevertSalesTables = """
        DELETE FROM daily_sales WHERE account_id <> 1;
        DELETE FROM daily_sales_queue WHERE account_id <> 1;
        ALTER TABLE daily_sales DROP CONSTRAINT fk_daily_sales_accounts_account_id;
        ALTER TABLE daily_sales DROP CONSTRAINT pk_daily_sales;
        ALTER TABLE daily_sales DROP COLUMN account_id;
        ALTER TABLE daily_sales ADD CONSTRAINT pk_daily_sales PRIMARY KEY (source, day, event_id, show_id);
        ALTER TABLE daily_sales_queue DROP COLUMN account_id;
        ALTER TABLE daily_sales_state DROP COLUMN rebuild_after_account;
        DROP INDEX IF EXISTS ix_qtickets_baskets_refunded_at_sales;
        CREATE INDEX ix_qtickets_baskets_refunded_at_sales ON qtickets_baskets (refunded_at)
            INCLUDE (order_id, show_id, quantity, refunded_amount) WHERE refunded_at IS NOT NULL;
        """;
}
