using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// The <see cref="NpgsqlDataSource"/> of reads that may lag the primary by a replica's replay delay: the read API's
/// order, ticket, event, sales and change-feed readers (and through them the dashboard's figures and CSV exports).
/// It is the replica named by <c>ConnectionStrings:PostgresReadOnly</c>, or the primary's own pool when none is set.
/// Writes, jobs, the inbox, health and sync status stay on the primary: they must read what they just wrote.
/// </summary>
/// <remarks>Readers ask for it with <c>[FromKeyedServices(ReadDataSource.Key)] NpgsqlDataSource</c>.</remarks>
public static class ReadDataSource
{
    public const string Key = "read";

    internal static NpgsqlDataSource Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PostgresOptions>>().Value;
        return string.IsNullOrWhiteSpace(options.ReadOnlyConnectionString)
            ? services.GetRequiredService<NpgsqlDataSource>()
            : new NpgsqlDataSourceBuilder(options.ReadOnlyConnectionString).Build();
    }
}
