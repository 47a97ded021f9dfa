namespace Qtickets.Emulator;

/// <summary>Marker type for <c>WebApplicationFactory&lt;EmulatorMarker&gt;</c>: the API project owns the global <c>Program</c>.</summary>
public sealed class EmulatorMarker;
