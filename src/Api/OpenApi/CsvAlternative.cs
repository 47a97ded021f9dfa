using Microsoft.OpenApi;
using Qtickets.Sync.Api.ReadModels;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Qtickets.Sync.Api.OpenApi;

/// <summary>
/// Endpoints that answer JSON by default and CSV when asked. API Explorer keeps one body type per status code, so
/// the 200 is declared with its JSON type and this adds the <c>text/csv</c> alternative beside it.
/// </summary>
public static class CsvAlternative
{
    public static RouteHandlerBuilder ProducesCsvAlternative(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new CsvAlternativeMetadata());

    private sealed record CsvAlternativeMetadata;

    internal sealed class OperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<CsvAlternativeMetadata>().Any()
                || operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response)
            {
                return;
            }
            response.Content ??= new Dictionary<string, IOpenApiMediaType>();
            response.Content[ResponseFormat.CsvMediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
    }
}
