namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// Makes text from outside fit PostgreSQL: text and jsonb hold no NUL, and UTF-8 has no lone surrogate, so
/// each becomes U+FFFD. Used wherever evidence of a bad input (a header, a body, an unreadable row) is kept.
/// </summary>
public static class StorableText
{
    /// <summary>The value, cut to <paramref name="maxLength"/> characters, with NULs and lone surrogates replaced.</summary>
    public static string Of(string value, int maxLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Length > maxLength ? value[..maxLength] : value;
        if (IsStorable(text))
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var paired = char.IsHighSurrogate(chars[i]) ? i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])
                : !char.IsLowSurrogate(chars[i]) || (i > 0 && char.IsHighSurrogate(chars[i - 1]));
            if (chars[i] == '\0' || !paired)
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    private static bool IsStorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return false;
            }
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }
}
