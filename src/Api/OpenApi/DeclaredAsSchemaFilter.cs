using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Qtickets.Sync.Api.OpenApi;

/// <summary>Gives a value marked <see cref="DeclaredAsAttribute"/> the type and format of the declared type.</summary>
internal sealed class DeclaredAsSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema target
            && context.MemberAttribute<DeclaredAsAttribute>() is { } declared
            && context.SchemaGenerator.GenerateSchema(declared.Type, context.SchemaRepository) is { } wire)
        {
            target.Type = wire.Type;
            target.Format = wire.Format;
        }
    }
}
