using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Qtickets.Emulator.Api;

/// <summary><c>Authorization: Bearer TOKEN</c> or 401 with the documented error body.</summary>
public sealed class BearerAuthFilter(IOptions<EmulatorOptions> options, EmulatorStats stats) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Interlocked.Increment(ref stats.ApiRequests);
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(options.Value.Token)))
        {
            Interlocked.Increment(ref stats.ApiUnauthorized);
            return ApiError.Create(StatusCodes.Status401Unauthorized, "Unauthorized");
        }

        return await next(context);
    }
}
