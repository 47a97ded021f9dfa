using System.Text.Json;
using System.Text.Json.Serialization;
using Qtickets.Emulator.Activity;
using Qtickets.Emulator.Faults;

namespace Qtickets.Emulator;

/// <summary>Source-generated JSON for the control-plane endpoints (the QTickets API itself is written by hand).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FaultSettings))]
[JsonSerializable(typeof(StatsSnapshot))]
[JsonSerializable(typeof(ActivityStepResult))]
public sealed partial class EmulatorJsonContext : JsonSerializerContext;
