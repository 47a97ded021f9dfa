namespace Ticketscloud.Emulator.Api;

/// <summary>One request the API received: who (organizer name, or null when the key was refused), what and the answer.</summary>
public sealed record TcCall(DateTimeOffset At, string Method, string Path, string Query, string? Organizer, int Status);
