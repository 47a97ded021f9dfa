using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qtickets.Sync.Infrastructure.PersonalData;

/// <summary>
/// Removes one person from text the mirror keeps. <see cref="Whole"/> is for a record that is that person's (their
/// order, their ticket): its contact and name properties (<see cref="PersonalFields"/>) become null. Every other
/// string loses the person's identifiers (<see cref="Terms"/>: their e-mail, their phone as written) wherever they
/// occur, which covers a ticket they hold inside someone else's order and free text such as an error message.
/// Figures, dates, seats and barcodes are never touched, so sales read the same afterwards.
/// </summary>
public sealed record PersonalScrub(IReadOnlyList<string> Terms, bool Whole)
{
    public const string Erased = "[erased]";

    public string? Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        foreach (var term in Terms)
        {
            text = text.Replace(term, Erased, StringComparison.OrdinalIgnoreCase);
        }
        return text;
    }

    /// <summary>JSON with the person removed; text that is not JSON (a form-encoded body) by its terms only.</summary>
    public string? Json(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return json;
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return Text(json);
        }
        if (node is JsonValue root && root.TryGetValue<string>(out var rootText))
        {
            return JsonValue.Create(Text(rootText))!.ToJsonString();
        }
        ScrubIn(node);
        return node?.ToJsonString() ?? "null";
    }

    private void ScrubIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var person = PersonalFields.IsPerson(obj);
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        obj[key] = Whole && (PersonalFields.IsEmail(key) || PersonalFields.IsPhone(key) || PersonalFields.IsName(key, person))
                            ? null
                            : Text(text);
                    }
                    else
                    {
                        ScrubIn(value);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        array[i] = Text(text);
                    }
                    else
                    {
                        ScrubIn(array[i]);
                    }
                }
                break;
        }
    }
}
