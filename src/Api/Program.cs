using Microsoft.Extensions.Options;
using Qtickets.Sync.Api.Alerts;
using Qtickets.Sync.Api.Audit;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.Endpoints;
using Qtickets.Sync.Api.Health;
using Qtickets.Sync.Api.Hosting;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Changes;
using Qtickets.Sync.Infrastructure.Commands;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.PersonalData;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Sales;
using Qtickets.Sync.Infrastructure.Ticketscloud;
using Qtickets.Sync.Infrastructure.Webhooks;

return await StartupConfigurationError.RunGuardedAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);

    // Every module of the service, each registered here and nowhere else; a platform is one line.
    var services = builder.Services;
    var configuration = builder.Configuration;
    services.AddProblemDetails();
    services.AddSyncDatabase(configuration);
    services.AddPersonalData(configuration);
    services.AddAccounts(configuration);
    services.AddQticketsPlatform(configuration);
    services.AddTicketscloudPlatform(configuration);
    services.AddReconciliation(configuration);
    services.AddOrderCommands(configuration);
    services.AddWebhookIngestion(configuration);
    services.AddDailySalesTable();
    services.AddOrderChanges(configuration);
    services.AddSyncJobs(configuration);
    services.AddHangfireDashboardAccess(configuration);
    services.AddApiKeyAuth(configuration);
    services.AddSyncSwagger();
    services.AddSurface(configuration);
    services.AddReadApi();
    services.AddSyncHealth(configuration);
    services.AddSyncAlerts(configuration);
    services.AddDashboard();
    services.AddShutdownTimeout(configuration);
    // What runs in the background, in its start order and why: Hosting/HostedServices.cs.
    services.AddHostedServicesInOrder(configuration);

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
    app.MapJobsDashboard();
    app.MapDashboard();

    await app.RunAsync();
});

/// <summary>Entry point type, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
