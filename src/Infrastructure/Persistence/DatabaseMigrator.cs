using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>Applies the checked-in migrations; used on start and by the <c>migrate</c> command.</summary>
public sealed partial class DatabaseMigrator(SyncDbContext db, IOptions<SalesOptions> sales, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // EF reads the history table without checking it exists and logs the failure on a fresh database as an
        // Error (dotnet/efcore#37328); created first (as Migrate would), it reads as empty instead.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogApplying(pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            LogUpToDate();
        }

        // The daily_sales view reads its time zone from this setting; keeping it on the database means a psql
        // user sees the same days as the API.
        var database = db.Database.GetDbConnection().Database;
        var zone = sales.Value.TimeZone.Replace("'", "''", StringComparison.Ordinal);
        var quotedDatabase = database.Replace("\"", "\"\"", StringComparison.Ordinal);
#pragma warning disable EF1002 // Identifiers cannot be parameters; both are quoted above and come from configuration.
        await db.Database.ExecuteSqlRawAsync(
            $"ALTER DATABASE \"{quotedDatabase}\" SET qtickets_sync.time_zone = '{zone}'", cancellationToken);
#pragma warning restore EF1002
    }

    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken) =>
        [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s): {Migrations}")]
    private partial void LogApplying(int count, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date")]
    private partial void LogUpToDate();
}
