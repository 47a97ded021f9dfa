using Qtickets.Emulator.Api;

namespace Qtickets.Emulator.Activity;

/// <summary><c>POST /emulator/activity/step?count=N</c>: apply N changes now, without the timer.</summary>
public static class ActivityEndpoints
{
    public const int MaxStep = 100_000;

    public static void MapActivityEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/emulator/activity/step", (ActivitySimulator simulator, int? count) =>
        {
            if (count is < 0 or > MaxStep)
            {
                return ApiError.BadRequest($"count must be within [0, {MaxStep}].");
            }

            var changes = simulator.Step(count ?? 1);
            return Results.Json(
                new ActivityStepResult(changes.Select(c => c.OrderId).ToList(), changes),
                EmulatorJsonContext.Default.ActivityStepResult);
        });
}
