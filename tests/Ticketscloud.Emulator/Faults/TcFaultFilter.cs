using System.Globalization;
using Ticketscloud.Emulator.Api;

namespace Ticketscloud.Emulator.Faults;

/// <summary>Answers 429 (with <c>Retry-After</c>), 500 or 503 instead of the endpoint when the dice say so.</summary>
public sealed class TcFaultFilter(TcFaults faults) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var (status, retryAfter) = faults.Next();
        if (status is { } code)
        {
            if (code == StatusCodes.Status429TooManyRequests)
            {
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            }
            return TcError.Create(code, code == StatusCodes.Status429TooManyRequests ? "too_many_requests" : "server_error");
        }
        return await next(context);
    }
}
