using System.Text.Json.Nodes;

namespace Qtickets.Sync.Infrastructure.PersonalData;

/// <summary>
/// Which properties of a platform's JSON hold a person's data: <c>*mail*</c> and <c>*phone*</c> wherever they
/// are, and the <c>*name</c> properties of an object that has one of those (a buyer: <c>client_name</c>,
/// <c>client_surname</c>, a customer's <c>name</c>). The shapes are the platforms', so the rule goes by property
/// names rather than by a schema that would miss the next field they add. Display masking (PiiMask) and erasure
/// both decide by this rule.
/// </summary>
public static class PersonalFields
{
    public static bool IsEmail(string key) => key.Contains("mail", StringComparison.OrdinalIgnoreCase);

    public static bool IsPhone(string key) => key.Contains("phone", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="obj"/> describes a person, so its names are theirs.</summary>
    public static bool IsPerson(JsonObject obj) => obj.Any(p => IsEmail(p.Key) || IsPhone(p.Key));

    public static bool IsName(string key, bool person) => person && key.EndsWith("name", StringComparison.OrdinalIgnoreCase);
}
