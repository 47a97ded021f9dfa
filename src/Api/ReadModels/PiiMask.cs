using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Qtickets.Sync.Infrastructure.PersonalData;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Hides a buyer's contact details from keys without <c>read:pii</c> while leaving enough to tell two buyers
/// apart in a support conversation: <c>u***@gmail.com</c>, <c>+7910*****00</c>, <c>И.</c>. The one place that
/// decides what masked looks like, for typed rows, free text and the platforms' raw JSON alike.
/// </summary>
public static partial class PiiMask
{
    public static string? Email(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return email;
        }
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : $"{email[0]}***{email[at..]}";
    }

    public static string? Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }
        const int head = 5, tail = 2;
        return phone.Length <= head + tail
            ? new string('*', phone.Length)
            : string.Concat(phone.AsSpan(0, head), new string('*', phone.Length - head - tail), phone.AsSpan(phone.Length - tail));
    }

    public static string? Name(string? name) => string.IsNullOrEmpty(name) ? name : $"{name[0]}.";

    /// <summary>Every e-mail address inside free text (a platform's error message, say), masked.</summary>
    public static string? EmailsIn(string? text) =>
        string.IsNullOrEmpty(text) ? text : EmailPattern().Replace(text, m => Email(m.Value)!);

    /// <summary>
    /// A platform's JSON (an order as QTickets or Ticketscloud sent it, a command's request) with its contact
    /// details masked: the properties <see cref="PersonalFields"/> calls a person's (the same rule erasure uses),
    /// and any e-mail address found in other text.
    /// </summary>
    public static JsonElement Json(JsonElement json)
    {
        var node = JsonNode.Parse(json.GetRawText());
        MaskIn(node);
        using var masked = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        return masked.RootElement.Clone();
    }

    private static void MaskIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var person = PersonalFields.IsPerson(obj);
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        obj[key] = Text(key, text, person);
                    }
                    else
                    {
                        MaskIn(value);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        array[i] = EmailsIn(text);
                    }
                    else
                    {
                        MaskIn(array[i]);
                    }
                }
                break;
        }
    }

    private static string? Text(string key, string text, bool person) =>
        PersonalFields.IsEmail(key) ? Email(text)
        : PersonalFields.IsPhone(key) ? Phone(text)
        : PersonalFields.IsName(key, person) ? Name(text)
        : EmailsIn(text);

    [GeneratedRegex(@"[^\s@""'<>(),;:]+@[^\s@""'<>(),;:]+\.[^\s@""'<>(),;:]+")]
    private static partial Regex EmailPattern();
}
