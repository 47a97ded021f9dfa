using System.Reflection;

namespace Qtickets.Sync.Api.Hosting;

public static class SwaggerSetup
{
    public static IServiceCollection AddSyncSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.ParameterFilter<AllowedValuesEnumFilter>();
            swagger.SwaggerDoc("v1", new() { Title = "Qtickets.Sync", Version = "v1", Description = "Read API and operations of the QTickets sales mirror." });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml))
            {
                swagger.IncludeXmlComments(xml);
            }
        });
        return services;
    }

    /// <summary>The OpenAPI document at <c>/swagger/v1/swagger.json</c> and the UI at <c>/swagger</c>.</summary>
    public static WebApplication MapSyncSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui => ui.DocumentTitle = "Qtickets.Sync API");
        return app;
    }
}
