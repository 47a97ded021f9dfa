using Qtickets.Emulator.Data;

namespace Qtickets.Emulator.Api;

/// <summary>
/// <c>Authorization: Bearer TOKEN</c> or 401 with the documented error body. The token says which organizer's
/// data the request sees (<see cref="OrganizerStore"/>).
/// </summary>
public sealed class BearerAuthFilter(Organizers organizers, EmulatorStats stats) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Interlocked.Increment(ref stats.ApiRequests);
        if (organizers.ForRequest(context.HttpContext) is null)
        {
            Interlocked.Increment(ref stats.ApiUnauthorized);
            return ApiError.Create(StatusCodes.Status401Unauthorized, "Unauthorized");
        }

        return await next(context);
    }
}
