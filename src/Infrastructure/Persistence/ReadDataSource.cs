using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// The <see cref="NpgsqlDataSource"/> of reads that may lag the primary by a replica's replay delay: the read API's
/// order, ticket, event, sales and change-feed readers (and through them the dashboard's figures and CSV exports).
/// It is a pool of its own on the replica named by <c>ConnectionStrings:PostgresReadOnly</c>, or on the primary when
/// none is set. Writes, jobs, the inbox, health and sync status stay on the primary's main pool: they must read what
/// they just wrote.
/// </summary>
/// <remarks>
/// Readers ask for it with <c>[FromKeyedServices(ReadDataSource.Key)] NpgsqlDataSource</c>.
/// The pool prepares the statements it runs repeatedly (<see cref="MaxAutoPrepare"/>, unless the connection string
/// sets <c>Max Auto Prepare</c>): the read model's statements go through the <c>mirror</c> views, whose planning
/// took longer than running them (6–10 ms against 2–3 ms for a page of orders at 1M + 1M orders); prepared, the
/// server plans a statement a few times and then reuses a generic plan. A pool of its own keeps the write path's
/// statements as they were, at the cost of a second set of connections to the primary (each pool opens connections
/// only as requests need them, up to the connection string's <c>Maximum Pool Size</c>).
/// </remarks>
public static class ReadDataSource
{
    public const string Key = "read";

    /// <summary>Statements kept prepared per connection (the least recently used is unprepared beyond it).</summary>
    internal const int MaxAutoPrepare = 64;

    internal static NpgsqlDataSource Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PostgresOptions>>().Value;
        var builder = new NpgsqlDataSourceBuilder(string.IsNullOrWhiteSpace(options.ReadOnlyConnectionString)
            ? options.ConnectionString
            : options.ReadOnlyConnectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = MaxAutoPrepare;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        return builder.Build();
    }
}
