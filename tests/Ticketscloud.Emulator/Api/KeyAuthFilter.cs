using Ticketscloud.Emulator.Data;

namespace Ticketscloud.Emulator.Api;

/// <summary>
/// <c>Authorization: key TOKEN</c> picks the organizer whose data the request sees; anything else is 401. The
/// organizer is left in <c>HttpContext.Items</c> for the endpoints (<see cref="Organizer"/>).
/// </summary>
public sealed class KeyAuthFilter(TcStore store) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        const string scheme = "key ";
        var token = header.StartsWith(scheme, StringComparison.Ordinal) ? header[scheme.Length..].Trim() : "";
        var organizer = token.Length == 0 ? null : store.FindByToken(token);
        if (organizer is null)
        {
            return TcError.Create(StatusCodes.Status401Unauthorized, "unauthorized", "Authorization: key TOKEN required");
        }
        context.HttpContext.Items[TcCallRecorder.OrganizerItem] = organizer;
        return await next(context);
    }

    public static TcOrganizer Organizer(HttpContext context) => (TcOrganizer)context.Items[TcCallRecorder.OrganizerItem]!;
}
