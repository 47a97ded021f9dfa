using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Qtickets.Sync.Api.Requests;

/// <summary>
/// Reads a JSON request body into its request type, or answers the 400 a person can act on: where malformed JSON
/// broke, which field has a value of the wrong type (its expected type and the value given) or which property is
/// unknown. Endpoints read their bodies through this rather than binding them, because a binding failure is a
/// bare "Bad Request" and the serializer's own messages name .NET types.
/// </summary>
public static partial class JsonBody
{
    /// <summary>The key of problems about the body as a whole.</summary>
    public const string Field = "body";

    public static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(type);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, Problem(Field, $"body is required: a JSON object{JsonMismatch.Members(type)}."));
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException exception)
        {
            return (null, Problem(Field, Malformed(exception)));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, Problem(Field, $"body: expected a JSON object{JsonMismatch.Members(type)}, got {JsonMismatch.Shown(root)}."));
            }
            try
            {
                return (root.Deserialize(type), null);
            }
            catch (JsonException exception)
            {
                var (field, message) = JsonMismatch.Explain(root, type, exception.Path);
                return (null, Problem(field, message));
            }
        }
    }

    /// <summary>A 400 problem with <paramref name="message"/> under <paramref name="field"/> and as its detail.</summary>
    public static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message);

    private static string Malformed(JsonException exception)
    {
        // The reader's reason ends with its own zero-based "LineNumber: 0 | BytePositionInLine: 3."; the location
        // is given once, counted from 1 as editors count.
        var reason = ReaderLocation().Replace(exception.Message, "").Trim().TrimEnd('.');
        var line = (exception.LineNumber ?? 0) + 1;
        var position = (exception.BytePositionInLine ?? 0) + 1;
        return $"body is not valid JSON: at line {line}, position {position}: {reason}.";
    }

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex ReaderLocation();
}
