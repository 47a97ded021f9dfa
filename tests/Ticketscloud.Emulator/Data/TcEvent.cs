namespace Ticketscloud.Emulator.Data;

/// <summary>An event with its ticket sets ("sets": price categories). <see cref="TimeZone"/> null = not sent in refs.</summary>
public sealed record TcEvent(
    string Id, string Org, string Title, string Description, string? TimeZone, string Status,
    DateTimeOffset Start, DateTimeOffset Finish, IReadOnlyList<TcSet> Sets);

/// <summary>A ticket set (price category) of an event.</summary>
public sealed record TcSet(string Id, string Name, decimal Price, bool WithSeats);

/// <summary>A promo code as <c>refs.promocodes</c> shows it; <see cref="Fix"/> is a fixed discount per ticket.</summary>
public sealed record TcPromoCode(string Id, string Code, decimal Fix);
