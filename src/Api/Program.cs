using Microsoft.Extensions.Options;
using Qtickets.Sync.Api.Alerts;
using Qtickets.Sync.Api.Audit;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.Endpoints;
using Qtickets.Sync.Api.Health;
using Qtickets.Sync.Api.Hosting;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Commands;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Ticketscloud;
using Qtickets.Sync.Infrastructure.Webhooks;

return await StartupConfigurationError.RunGuardedAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);

    builder.Services.AddProblemDetails();
    builder.Services.AddSyncDatabase(builder.Configuration);
    builder.Services.AddQticketsClient(builder.Configuration);
    builder.Services.AddTicketscloud(builder.Configuration);
    builder.Services.AddOrderCommands(builder.Configuration);
    builder.Services.AddWebhookIngestion(builder.Configuration);
    builder.Services.AddAccounts(builder.Configuration);
    builder.Services.AddSyncJobs(builder.Configuration);
    builder.Services.AddSyncDashboard(builder.Configuration);
    builder.Services.AddApiKeyAuth(builder.Configuration);
    builder.Services.AddSyncSwagger();
    builder.Services.AddSurface(builder.Configuration);
    builder.Services.AddReadApi();
    builder.Services.AddSyncHealth(builder.Configuration);
    builder.Services.AddSyncAlerts(builder.Configuration);
    builder.Services.AddSalesDashboard();
    builder.Services.AddShutdownTimeout(builder.Configuration);
    builder.Services.AddHostedService<StartupAudit>();

    var app = builder.Build();
    // Check every setting before touching the database, so a typo is reported as itself.
    app.Services.GetRequiredService<IStartupValidator>().Validate();

    var migrateOnly = args.Contains("migrate");
    if (!migrateOnly)
    {
        app.EnsureListenPortsFree();
    }
    await app.EnsureDatabaseReachableAsync(app.Lifetime.ApplicationStopping);
    if (migrateOnly)
    {
        await app.MigrateAsync(app.Lifetime.ApplicationStopping);
        return;
    }
    await app.MigrateOnStartAsync();

    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseSyncHttpMetrics();
    app.UseAuthentication();
    app.UseApiKeyLogScope();
    app.UseAuthorization();

    app.MapHealthEndpoints();
    app.MapSyncMetrics();
    app.UseSwaggerGate();
    app.MapSyncSwagger();
    app.MapWebhooks();
    app.MapWebhookDeliveries();
    app.MapReadApi();
    app.MapSyncRuns();
    app.MapAuditFindings();
    app.MapOrderActions();
    app.MapPersonalData();
    app.MapAuditLog();
    app.MapDashboard();
    app.MapSalesDashboard();

    await app.RunAsync();
});

/// <summary>Entry point type, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
