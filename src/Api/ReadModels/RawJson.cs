using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// JSON the database keeps (a change's <c>changes</c>), written into a response as it is. A feed page carries 500 of
/// them: parsing each into a <see cref="JsonElement"/> only to write it out again took half the service's time for
/// the page (a sampled trace at 3M changes, ADR 0023). <see cref="Element"/> parses it for code that reads it.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson(ReadOnlyMemory<byte> utf8)
{
    /// <summary>The JSON as UTF-8.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;

    /// <summary>The JSON parsed (each call parses anew).</summary>
    public JsonElement Element
    {
        get
        {
            var reader = new Utf8JsonReader(Utf8.Span);
            return JsonElement.ParseValue(ref reader);
        }
    }
}

/// <summary>Writes <see cref="RawJson"/> without parsing it (it came from a jsonb column, so it is valid); reads any JSON value.</summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var value = JsonDocument.ParseValue(ref reader);
        return new RawJson(Encoding.UTF8.GetBytes(value.RootElement.GetRawText()));
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
    }
}
