using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Qtickets.Sync.Api.Requests;

/// <summary>
/// Explains why a well-formed JSON body did not fit its request type, in the API's own field names: the serializer
/// says only where it stopped (its JSON path), so the body and the type's contract are walked along that path to
/// find the value given and the type expected there, or the property the type does not have.
/// </summary>
internal static partial class JsonMismatch
{
    private const int ShownLength = 80;

    public static (string Field, string Message) Explain(JsonElement root, JsonTypeInfo type, string? path)
    {
        var element = root;
        var info = type;
        var field = "";
        foreach (Match step in Steps().Matches(path ?? ""))
        {
            if (step.Groups["index"].Success)
            {
                var index = int.Parse(step.Groups["index"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
                if (element.ValueKind != JsonValueKind.Array || index >= element.GetArrayLength() || info.ElementType is null)
                {
                    break;
                }
                (element, info, field) = (element[index], info.Options.GetTypeInfo(info.ElementType), $"{field}[{index}]");
                continue;
            }
            var name = step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value;
            var next = info.Kind switch
            {
                JsonTypeInfoKind.Dictionary => info.ElementType,
                JsonTypeInfoKind.Object => Property(info, name)?.PropertyType,
                _ => null,
            };
            if (next is null || element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
            {
                break;
            }
            (element, info, field) = (value, info.Options.GetTypeInfo(next), field.Length == 0 ? name : $"{field}.{name}");
        }
        if (element.ValueKind == JsonValueKind.Object && info.Kind == JsonTypeInfoKind.Object && Unknown(element, info) is { } unknown)
        {
            var owner = field.Length == 0 ? JsonBody.Field : field;
            var named = field.Length == 0 ? unknown : $"{field}.{unknown}";
            return (named, $"{named}: unknown property; {owner} has only {string.Join(", ", info.Properties.Select(p => p.Name))}.");
        }
        var at = field.Length == 0 ? JsonBody.Field : field;
        return (at, $"{at}: expected {Describe(info)}, got {Shown(element)}.");
    }

    /// <summary>" with kind, account" for an object type: the fields a caller may send.</summary>
    public static string Members(JsonTypeInfo type) =>
        type.Kind == JsonTypeInfoKind.Object && type.Properties.Count > 0 ? $" with {string.Join(", ", type.Properties.Select(p => p.Name))}" : "";

    /// <summary>The value as it was sent, cut short if long.</summary>
    public static string Shown(JsonElement element)
    {
        var raw = element.GetRawText();
        return raw.Length <= ShownLength ? raw : $"{raw[..ShownLength]}…";
    }

    private static JsonPropertyInfo? Property(JsonTypeInfo info, string name)
    {
        var comparison = info.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison));
    }

    private static string? Unknown(JsonElement element, JsonTypeInfo info) =>
        (info.UnmappedMemberHandling ?? info.Options.UnmappedMemberHandling) == JsonUnmappedMemberHandling.Disallow
            ? element.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => Property(info, name) is null)
            : null;

    /// <summary>What a value of the type looks like in JSON, in words (never a .NET type name).</summary>
    private static string Describe(JsonTypeInfo info) => info.Kind switch
    {
        JsonTypeInfoKind.Object => $"an object{Members(info)}",
        JsonTypeInfoKind.Enumerable => $"an array, each item {Describe(info.Options.GetTypeInfo(info.ElementType!))}",
        JsonTypeInfoKind.Dictionary => $"an object, each value {Describe(info.Options.GetTypeInfo(info.ElementType!))}",
        _ => (Nullable.GetUnderlyingType(info.Type) ?? info.Type) switch
        {
            var t when t == typeof(string) => "a string",
            var t when t == typeof(decimal) || t == typeof(double) || t == typeof(float) => "a decimal number",
            var t when t == typeof(long) || t == typeof(int) || t == typeof(short) => "an integer",
            var t when t == typeof(bool) => "true or false",
            var t when t == typeof(DateTimeOffset) || t == typeof(DateTime) =>
                "an ISO 8601 date-time with offset, e.g. \"2024-01-01T00:00:00+03:00\"",
            _ => "a value of another kind",
        },
    };

    /// <summary>The steps of the serializer's JSON path: <c>.name</c>, <c>['name']</c> or <c>[index]</c>.</summary>
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Steps();
}
