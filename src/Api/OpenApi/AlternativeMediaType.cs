using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Qtickets.Sync.Api.OpenApi;

/// <summary>
/// Endpoints that answer JSON by default and another media type (CSV) when asked. API Explorer keeps one body type
/// per status code, so the 200 is declared with its JSON type and this adds the alternative, a string, beside it.
/// </summary>
public static class AlternativeMediaType
{
    public static RouteHandlerBuilder ProducesAlternative(this RouteHandlerBuilder builder, string mediaType) =>
        builder.WithMetadata(new AlternativeMetadata(mediaType));

    private sealed record AlternativeMetadata(string MediaType);

    internal sealed class OperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var alternatives = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AlternativeMetadata>().ToList();
            if (alternatives.Count == 0 || operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response)
            {
                return;
            }
            response.Content ??= new Dictionary<string, IOpenApiMediaType>();
            foreach (var alternative in alternatives)
            {
                response.Content[alternative.MediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
        }
    }
}
