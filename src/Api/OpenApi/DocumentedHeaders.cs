using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Qtickets.Sync.Api.OpenApi;

/// <summary>
/// Headers an endpoint reads from the request itself rather than binding (the webhook receivers must store every
/// delivery, even one whose headers are wrong), declared as header parameters so the document states them.
/// </summary>
public static class DocumentedHeaders
{
    /// <param name="values">The only values the header takes, declared as its <c>enum</c>; none for free text.</param>
    public static RouteHandlerBuilder DocumentsHeader(
        this RouteHandlerBuilder builder, string name, bool required, string description, params string[] values) =>
        builder.WithMetadata(new HeaderMetadata(name, required, description, values));

    private sealed record HeaderMetadata(string Name, bool Required, string Description, string[] Values);

    internal sealed class OperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var header in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<HeaderMetadata>())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = header.Name,
                    In = ParameterLocation.Header,
                    Required = header.Required,
                    Description = header.Description,
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Enum = header.Values.Length == 0 ? null : [.. header.Values.Select(v => (JsonNode)JsonValue.Create(v))],
                    },
                });
            }
        }
    }
}
