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

    /// <summary>
    /// The values of the static property <paramref name="member"/> of <paramref name="source"/> (a sequence of
    /// strings): sets computed in code rather than spelled as constants, which cannot be attribute arguments.
    /// </summary>
    public ClosedSetAttribute(Type source, string member) => Values = Computed(source, member);

    public ClosedSetAttribute(params string[] values) => Values = values;

    public IReadOnlyList<string> Values { get; }

    public static IReadOnlyList<string> ConstantsOf(Type constants)
    {
        ArgumentNullException.ThrowIfNull(constants);
        return [.. constants.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];
    }

    private static IReadOnlyList<string> Computed(Type source, string member)
    {
        ArgumentNullException.ThrowIfNull(source);
        var property = source.GetProperty(member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new ArgumentException($"{source.Name} has no static property {member}.", nameof(member));
        return [.. (IEnumerable<string>)property.GetValue(null)!];
    }
}
