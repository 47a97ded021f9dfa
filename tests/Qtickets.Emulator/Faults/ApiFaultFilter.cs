namespace Qtickets.Emulator.Faults;

/// <summary>Injects 429/500/503 answers and slow responses in front of the reading API endpoints.</summary>
public sealed class ApiFaultFilter(EmulatorFaults faults, EmulatorStats stats, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var fault = faults.NextApiFault();
        if (fault.DelayMs > 0)
        {
            Interlocked.Increment(ref stats.ApiSlow);
            await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), time, context.HttpContext.RequestAborted);
        }

        switch (fault.Status)
        {
            case StatusCodes.Status429TooManyRequests:
                Interlocked.Increment(ref stats.Api429);
                context.HttpContext.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Api.ApiError.Create(StatusCodes.Status429TooManyRequests, "Too many requests");
            case StatusCodes.Status500InternalServerError:
                Interlocked.Increment(ref stats.Api500);
                return Api.ApiError.Create(StatusCodes.Status500InternalServerError, "Internal server error");
            case StatusCodes.Status503ServiceUnavailable:
                Interlocked.Increment(ref stats.Api503);
                return Api.ApiError.Create(StatusCodes.Status503ServiceUnavailable, "Unknown error", "UNKNOWN_ERROR");
            default:
                return await next(context);
        }
    }
}
