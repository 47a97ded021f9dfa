using Qtickets.Emulator.Api;

namespace Qtickets.Emulator.Faults;

/// <summary><c>GET/PUT /emulator/faults</c>: read or replace the fault settings while running.</summary>
public static class FaultEndpoints
{
    public static void MapFaultEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/emulator/faults", (EmulatorFaults faults) =>
            Results.Json(faults.Settings, EmulatorJsonContext.Default.FaultSettings));

        app.MapPut("/emulator/faults", async (HttpRequest request, EmulatorFaults faults, ILogger<EmulatorFaults> logger, CancellationToken ct) =>
        {
            FaultSettings? settings;
            try
            {
                settings = await request.ReadFromJsonAsync(EmulatorJsonContext.Default.FaultSettings, ct)
                    ?? throw new ArgumentException("A fault settings object is required.");
                faults.Settings = settings;
            }
            catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException)
            {
                return ApiError.BadRequest(e.Message);
            }

            logger.LogInformation("Fault settings replaced: {Settings}", settings);
            return Results.Json(settings, EmulatorJsonContext.Default.FaultSettings);
        });
    }
}
