using System.Reflection;
using Microsoft.OpenApi;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.Endpoints;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Hosting;

public static class SwaggerSetup
{
    private const string ApiKeySchemeId = "ApiKey";

    /// <summary>The OpenAPI document, with the <c>X-Api-Key</c> scheme required by every operation.</summary>
    public static IServiceCollection AddSyncSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new() { Title = "Qtickets.Sync", Version = "v1", Description = "Read API and operations of the QTickets sales mirror." });
            // Relative: every deployment serves the API at its own root, so the document says "this host" rather
            // than naming one (tools otherwise guess, or refuse the document).
            swagger.AddServer(new OpenApiServer { Url = "/", Description = "The host serving this document." });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml))
            {
                swagger.IncludeXmlComments(xml);
            }
            // Money is exact: System.Text.Json writes decimal as a JSON number, and "number"/"decimal" is what
            // NSwag and Kiota turn back into System.Decimal (the default "double" would give clients floating point).
            swagger.MapType<decimal>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            // Stored JSON written as it is: any JSON value, as a JsonElement is described.
            swagger.MapType<RawJson>(() => new OpenApiSchema());
            // A run keeps the schema name clients were generated with (SyncRun, and its SyncRunKind/SyncRunStatus
            // enums) now that the API answers with a DTO rather than the entity.
            var defaultSchemaId = swagger.SchemaGeneratorOptions.SchemaIdSelector;
            swagger.CustomSchemaIds(type => type == typeof(SyncRunDto) ? "SyncRun" : defaultSchemaId(type));
            swagger.SchemaFilter<DeclaredAsSchemaFilter>();
            swagger.SchemaFilter<ClosedSetSchemaFilter>();
            swagger.SchemaFilter<NullableJsonSchemaFilter>();
            swagger.OperationFilter<AlternativeMediaType.OperationFilter>();
            swagger.OperationFilter<DeclaredRequiredOperationFilter>();
            swagger.OperationFilter<AnonymousOperationFilter>();
            swagger.OperationFilter<DeprecatedOperationFilter>();
            swagger.OperationFilter<DocumentedHeaders.OperationFilter>();
            swagger.DocumentFilter<TagDescriptions>();
            swagger.AddSecurityDefinition(ApiKeySchemeId, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "API key with scope read, read:pii (unmasked contact details), admin, actions (order actions) or pii:erase (erasing a person; admin includes it).",
            });
            swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeySchemeId, document)] = [],
            });
        });
        return services;
    }

    /// <summary>The OpenAPI document at <c>/swagger/v1/swagger.json</c> and the UI at <c>/swagger</c>.</summary>
    public static WebApplication MapSyncSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui =>
        {
            ui.DocumentTitle = "Qtickets.Sync API";
            // The key entered with Authorize survives a reload of the page.
            ui.EnablePersistAuthorization();
        });
        return app;
    }
}
