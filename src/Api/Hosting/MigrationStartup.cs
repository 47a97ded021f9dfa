using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.Hosting;

public static class MigrationStartup
{
    /// <summary>The <c>migrate</c> command: apply migrations and exit.</summary>
    public static async Task MigrateAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
    }

    public static async Task MigrateOnStartAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<PostgresOptions>>().Value.MigrateOnStart)
        {
            await app.MigrateAsync(app.Lifetime.ApplicationStopping);
        }
    }
}
