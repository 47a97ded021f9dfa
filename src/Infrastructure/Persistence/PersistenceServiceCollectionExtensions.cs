using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Infrastructure.PersonalData;

namespace Qtickets.Sync.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="NpgsqlDataSource"/> (the pool shared by EF, the inbox, the set-based upserts and
    /// the readers) and the <see cref="SyncDbContext"/> on top of it. Hangfire keeps a pool of its own: see
    /// <c>AddSyncJobs</c>.
    /// </summary>
    public static IServiceCollection AddSyncDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PostgresOptions>()
            .Bind(configuration.GetSection(PostgresOptions.Section))
            .Configure(o =>
            {
                o.ConnectionString = configuration.GetConnectionString("Postgres") ?? "";
                o.ReadOnlyConnectionString = configuration.GetConnectionString("PostgresReadOnly") ?? "";
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgresOptions>, PostgresOptionsValidator>();
        services.AddOptions<SalesOptions>().Bind(configuration.GetSection(SalesOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SalesOptions>, SalesOptionsValidator>();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PostgresOptions>>().Value;
            return new NpgsqlDataSourceBuilder(options.ConnectionString).Build();
        });
        services.AddKeyedSingleton(ReadDataSource.Key, (sp, _) => ReadDataSource.Create(sp));
        services.AddDbContext<SyncDbContext>((sp, db) =>
            db.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddScoped<DatabaseMigrator>();
        services.TryAddSingleton(TimeProvider.System);
        // Every write of orders masks erased people's data first (PersonalData.ErasedPeople).
        services.AddSingleton<OrderUpserter>();
        services.AddSingleton<SharedRateGate>();
        return services;
    }
}
