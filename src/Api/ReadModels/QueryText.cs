using System.Globalization;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Parses query-string values and records a message per bad field, so a request with several mistakes is
/// answered with one validation problem naming each of them.
/// </summary>
public sealed class QueryText
{
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    /// <summary>Page size of every list endpoint when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The largest <c>limit</c> any list endpoint takes.</summary>
    public const int MaxLimit = 500;

    public bool HasErrors => errors.Count > 0;
    public IDictionary<string, string[]> Errors => errors;

    public void Fail(string field, string message) => errors[field] = [message];

    public long? Long(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Fail(field, $"'{text}' is not a whole number.");
        return null;
    }

    public bool? Bool(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "1":
                return true;
            case "false" or "0":
                return false;
            default:
                Fail(field, $"'{text}' is not true, false, 1 or 0.");
                return null;
        }
    }

    public DateTimeOffset? Instant(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value.ToUniversalTime();
        }
        Fail(field, $"'{text}' is not an ISO 8601 date-time such as 2024-05-01T00:00:00+03:00.");
        return null;
    }

    public DateOnly? Date(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }
        Fail(field, $"'{text}' is not a date in yyyy-MM-dd form.");
        return null;
    }

    public int Int(string field, string? text, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        Fail(field, $"Must be a whole number from {min} to {max}.");
        return fallback;
    }

    /// <summary>The <c>limit</c> of a list endpoint: <see cref="DefaultLimit"/> when absent, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit(string? text) => Int("limit", text, DefaultLimit, 1, MaxLimit);

    /// <summary>A value of a closed set (a status, a kind); null when absent.</summary>
    public string? OneOf(string field, string? text, IReadOnlyCollection<string> allowed)
    {
        if (string.IsNullOrEmpty(text) || allowed.Contains(text))
        {
            return string.IsNullOrEmpty(text) ? null : text;
        }
        Fail(field, $"'{text}' is not one of {string.Join(", ", allowed)}.");
        return null;
    }

    /// <summary>
    /// Values of a closed set given repeated or comma-separated (<c>status=paid,refunded</c>); null when absent,
    /// so the caller does not filter.
    /// </summary>
    public IReadOnlyList<string>? AnyOf(string field, IEnumerable<string?>? texts, IReadOnlyCollection<string> allowed)
    {
        var values = (texts ?? [])
            .SelectMany(t => (t ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => v.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var unknown = values.Where(v => !allowed.Contains(v)).ToList();
        if (unknown.Count > 0)
        {
            Fail(field, $"{string.Join(", ", unknown.Select(v => $"'{v}'"))}: not one of {string.Join(", ", allowed)}.");
            return null;
        }
        return values.Count == 0 ? null : values;
    }

    /// <summary>Checks that a range is not upside down; either end may be open.</summary>
    public void Range<T>(string fromField, T? from, string toField, T? to) where T : struct, IComparable<T>
    {
        if (from is { } f && to is { } t && f.CompareTo(t) > 0)
        {
            Fail(toField, $"{toField} must not be before {fromField}.");
        }
    }
}
