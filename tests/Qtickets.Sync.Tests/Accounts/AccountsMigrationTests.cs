using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Accounts;

/// <summary>
/// A database filled by the version before accounts (migrated to the migration before Accounts, rows written
/// with that schema's SQL) keeps every row, every value, when migrated: all of it then belongs to 'default'.
/// </summary>
public sealed class AccountsMigrationTests : IAsyncLifetime
{
    private const string Accounts = "20261202005947_Accounts";
    private const string BeforeAccounts = "20261201231526_AlertStates";

    /// <summary>Every table that holds rows, with the key its rows are compared by.</summary>
    private static readonly (string Table, string Key)[] Tables =
    [
        ("qtickets_orders", "id"), ("qtickets_baskets", "id"), ("qtickets_clients", "id"), ("qtickets_events", "id"),
        ("qtickets_shows", "id"), ("webhook_deliveries", "id"), ("sync_runs", "id"), ("sync_state", "key"),
        ("qtickets_request_slots", "name"), ("daily_sales", "event_id, day, show_id"), ("daily_sales_queue", "id"),
        ("daily_sales_state", "id"), ("alert_states", "key"),
    ];

    private const string FillSql = """
        INSERT INTO qtickets_events (id, name, is_active, raw, synced_at)
        VALUES (77, 'Play', true, '{"id":77}', '2026-11-30T10:00:00Z'), (78, 'Concert', false, '{"id":78}', '2026-11-30T10:00:00Z');
        INSERT INTO qtickets_shows (id, event_id, is_active, start_date, raw, synced_at)
        VALUES (701, 77, true, '2026-12-24T19:00:00Z', '{"id":701}', '2026-11-30T10:00:00Z');
        INSERT INTO qtickets_clients (id, email, raw, synced_at) VALUES (5, 'buyer@example.com', '{"id":5}', '2026-11-30T10:00:00Z');
        INSERT INTO qtickets_orders (id, payed, payed_at, created_at, updated_at, reserved, reserve_extended, event_id, price,
            original_price, raw, source_updated_at, source_progress, synced_at, last_source, client_id, client_email)
        VALUES
            (4360, true, '2026-11-30T09:00:00Z', '2026-11-30T08:55:00Z', '2026-11-30T09:00:00Z', false, false, 77, 1500.50,
             1500.50, '{"id":4360}', '2026-11-30T09:00:00Z', 1, '2026-11-30T09:01:00Z', 'webhook', 5, 'buyer@example.com'),
            (4361, false, NULL, '2026-11-30T08:56:00Z', '2026-11-30T08:56:00Z', true, false, 78, 700,
             700, '{"id":4361}', '2026-11-30T08:56:00Z', 0, '2026-11-30T09:01:00Z', 'reconcile', NULL, NULL);
        INSERT INTO qtickets_baskets (id, order_id, barcode, show_id, original_price, price, quantity, related_baskets, raw,
            source_updated_at, synced_at, refunded_at, refunded_amount)
        VALUES
            (63993, 4360, '877076325904', 701, 750.25, 750.25, 1, '{}', '{"id":63993}', '2026-11-30T09:00:00Z', '2026-11-30T09:01:00Z', NULL, NULL),
            (63994, 4360, '877344688530', 701, 750.25, 750.25, 1, '{63993}', '{"id":63994}', '2026-11-30T09:00:00Z', '2026-11-30T09:01:00Z',
             '2026-11-30T12:00:00Z', 700.00);
        INSERT INTO webhook_deliveries (received_at, event_type, model_name, order_id, signature_status, headers, body,
            body_sha256, status, duplicate_count, attempts)
        VALUES ('2026-11-30T09:00:01Z', 'payed', 'Order', 4360, 'valid', '{"X-Event-Type":"payed"}', '{"id":4360}', 'aa', 'applied', 2, 1),
               ('2026-11-30T09:00:02Z', 'payed', 'Order', NULL, 'invalid', '{}', 'forged', 'bb', 'rejected', 0, 0);
        INSERT INTO sync_runs (kind, trigger, status, started_at, pages, orders_seen, orders_inserted, orders_updated,
            orders_unchanged, gaps_healed, orders_marked_missing)
        VALUES ('incremental', 'schedule', 'succeeded', '2026-11-30T09:05:00Z', 3, 10, 2, 1, 7, 1, 0),
               ('sales_drift', 'schedule', 'succeeded', '2026-11-30T03:30:00Z', 0, 0, 0, 0, 0, 0, 0);
        INSERT INTO sync_state (key, watermark, updated_at) VALUES ('orders.incremental.watermark', '2026-11-30T09:00:00Z', '2026-11-30T09:05:00Z');
        INSERT INTO qtickets_request_slots (name, next_slot) VALUES ('qtickets', '2026-11-30T09:05:00.2Z');
        INSERT INTO alert_states (key, account, rule, fired_count) VALUES ('default:token_rejected', 'default', 'token_rejected', 1);
        """;

    private TestDatabase? database;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(nameof(AccountsMigrationTests));

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Migrating_a_database_filled_before_accounts_keeps_every_row_under_the_default_account()
    {
        await using (var db = Context())
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeAccounts);
        }
        await ExecuteAsync(FillSql);
        // The daily sales table as the version before accounts folds it, so it holds rows to keep.
        await ExecuteAsync("""
            INSERT INTO daily_sales SELECT 'qtickets', f.* FROM qtickets_daily_sales('Europe/Moscow') f;
            """);
        var before = new Dictionary<string, List<string>>();
        foreach (var (table, key) in Tables)
        {
            before[table] = await RowsAsync($"SELECT to_jsonb(t)::text FROM {table} t ORDER BY {key}");
        }
        Assert.All(Tables.Where(t => t.Table != "alert_states" && t.Table != "daily_sales_state"),
            t => Assert.NotEmpty(before[t.Table]));

        await using (var db = Context())
        {
            // Up to the accounts migration: later ones may add columns of their own (the queue's source).
            await db.GetService<IMigrator>().MigrateAsync(Accounts);
        }

        foreach (var (table, key) in Tables)
        {
            var after = await RowsAsync($"SELECT (to_jsonb(t) - 'account_id' - 'rebuild_after_account')::text FROM {table} t ORDER BY {key}");
            Assert.Equal(before[table], after);
        }
        foreach (var table in AccountsSql.Tables.Append("daily_sales").Append("daily_sales_queue"))
        {
            var accountRuns = table == "sync_runs" ? " WHERE kind <> 'sales_drift'" : "";
            var accounts = await RowsAsync($"SELECT DISTINCT coalesce(account_id::text, 'none') FROM {table}{accountRuns}");
            Assert.True(accounts.Count == 0 || accounts.SequenceEqual(["1"]), $"{table}: accounts {string.Join(", ", accounts)}");
        }
        Assert.Equal(["none"], await RowsAsync("SELECT coalesce(account_id::text, 'none') FROM sync_runs WHERE kind = 'sales_drift'"));
        Assert.Equal(["1|default|qtickets"], await RowsAsync("SELECT id || '|' || name || '|' || platform FROM accounts"));
    }

    [Fact]
    public async Task After_the_migration_the_daily_sales_triggers_queue_keys_with_their_account_and_the_next_account_gets_id_2()
    {
        await using (var db = Context())
        {
            await db.Database.MigrateAsync();
        }
        await ExecuteAsync("""
            INSERT INTO accounts (name, platform, enabled, created_at, updated_at) VALUES ('second', 'qtickets', true, now(), now());
            INSERT INTO qtickets_orders (account_id, id, payed, payed_at, created_at, updated_at, reserved, reserve_extended, event_id,
                price, original_price, raw, source_updated_at, source_progress, synced_at, last_source)
            VALUES (2, 4360, true, '2026-11-30T09:00:00Z', '2026-11-30T08:55:00Z', '2026-11-30T09:00:00Z', false, false, 77, 10, 10,
                    '{}', '2026-11-30T09:00:00Z', 1, now(), 'webhook'),
                   (1, 4360, true, '2026-11-30T09:00:00Z', '2026-11-30T08:55:00Z', '2026-11-30T09:00:00Z', false, false, 77, 10, 10,
                    '{}', '2026-11-30T09:00:00Z', 1, now(), 'webhook');
            """);

        Assert.Equal(["2"], await RowsAsync("SELECT id::text FROM accounts WHERE name = 'second'"));
        Assert.Equal(["1|77", "2|77"], await RowsAsync("SELECT DISTINCT account_id || '|' || event_id FROM daily_sales_queue ORDER BY 1"));
    }

    private SyncDbContext Context() =>
        new(new DbContextOptionsBuilder<SyncDbContext>().UseNpgsql(database!.ConnectionString).Options);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
