using System.Reflection;

namespace Qtickets.Sync.Api.OpenApi;

/// <summary>
/// Declares the only values a string property or query parameter takes, so the OpenAPI document states them as
/// an <c>enum</c> (and generated clients get an enum) while the C# type stays a string; on a dictionary, the only
/// keys it has, each declared as an optional property. Documents only: the endpoints validate their input
/// themselves.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ClosedSetAttribute : Attribute
{
    /// <summary>The values of every <c>public const string</c> of <paramref name="constants"/>, e.g. <c>SyncRunKinds</c>.</summary>
    public ClosedSetAttribute(Type constants) => Values = ConstantsOf(constants);

    public ClosedSetAttribute(params string[] values) => Values = values;

    public IReadOnlyList<string> Values { get; }

    public static IReadOnlyList<string> ConstantsOf(Type constants)
    {
        ArgumentNullException.ThrowIfNull(constants);
        return [.. constants.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];
    }
}
