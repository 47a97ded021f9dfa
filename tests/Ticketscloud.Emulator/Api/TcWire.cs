using System.Globalization;
using System.Text.Json.Nodes;
using Ticketscloud.Emulator.Data;

namespace Ticketscloud.Emulator.Api;

/// <summary>Wire formats: money as strings with two decimals, times without offset in the event's zone.</summary>
public static class TcWire
{
    /// <summary>The zone an event's times are written in; Moscow when the event has none (reference notes).</summary>
    public const string DefaultZone = "Europe/Moscow";

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static JsonNode? Time(DateTimeOffset? at, TcEvent ev)
    {
        if (at is not { } instant)
        {
            return null;
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(ev.TimeZone ?? DefaultZone);
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A <c>created_at</c> bound: ISO local time (read in Moscow, the platform's zone — the emulator's assumption;
    /// the documentation does not say) or ISO with an offset.
    /// </summary>
    public static bool TryParseBound(string text, out DateTimeOffset? bound)
    {
        bound = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10))
        {
            bound = withOffset;
            return true;
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(DefaultZone);
            bound = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));
            return true;
        }
        return false;
    }
}
