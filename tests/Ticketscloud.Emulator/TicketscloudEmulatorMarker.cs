namespace Ticketscloud.Emulator;

/// <summary>Marker type for <c>WebApplicationFactory&lt;TicketscloudEmulatorMarker&gt;</c>.</summary>
public sealed class TicketscloudEmulatorMarker;
