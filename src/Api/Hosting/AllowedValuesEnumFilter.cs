using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Qtickets.Sync.Api.Hosting;

/// <summary>
/// States a query parameter's closed set of values (its <see cref="AllowedValuesAttribute"/>) as an OpenAPI
/// <c>enum</c>, so clients see the choices the endpoint validates.
/// </summary>
internal sealed class AllowedValuesEnumFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        var allowed = context.PropertyInfo?.GetCustomAttributes(typeof(AllowedValuesAttribute), true)
            .OfType<AllowedValuesAttribute>().FirstOrDefault();
        if (allowed is null || parameter.Schema is not OpenApiSchema schema)
        {
            return;
        }
        schema.Enum = [.. allowed.Values.Select(v => (JsonNode)JsonValue.Create(v?.ToString())!)];
    }
}
