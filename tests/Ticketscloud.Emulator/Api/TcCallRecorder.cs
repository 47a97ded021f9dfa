namespace Ticketscloud.Emulator.Api;

/// <summary>Middleware recording each <c>/v2</c> request after it was answered (faults and 401s included).</summary>
public sealed class TcCallRecorder(RequestDelegate next, TcCallLog log, TimeProvider time)
{
    public const string OrganizerItem = "tc-organizer";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v2", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            var organizer = context.Items[OrganizerItem] as Data.TcOrganizer;
            log.Add(new TcCall(time.GetUtcNow(), context.Request.Method, context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "", organizer?.Name, context.Response.StatusCode));
        }
    }
}
