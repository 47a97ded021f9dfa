using System.Reflection;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Qtickets.Sync.Api.OpenApi;

internal static class SchemaFilterContextExtensions
{
    /// <summary>The attribute on the property or the parameter the schema is generated for.</summary>
    public static T? MemberAttribute<T>(this SchemaFilterContext context) where T : Attribute =>
        context.MemberInfo?.GetCustomAttribute<T>() ?? context.ParameterInfo?.GetCustomAttribute<T>();
}
