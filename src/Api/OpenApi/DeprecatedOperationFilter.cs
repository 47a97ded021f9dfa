using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Qtickets.Sync.Api.OpenApi;

/// <summary>
/// An endpoint kept only as an alias for one release (<c>WithMetadata(new ObsoleteAttribute(...))</c>) is
/// <c>deprecated: true</c> in the document, so generated clients warn their users before it goes.
/// </summary>
internal sealed class DeprecatedOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ObsoleteAttribute>().Any())
        {
            operation.Deprecated = true;
        }
    }
}
