using System.Globalization;
using Qtickets.Sync.Infrastructure.Audit;

namespace Qtickets.Sync.Api.Audit;

/// <summary>
/// Records an endpoint's calls in the audit log: the key's name, the act, its target (the route's values, e.g.
/// <c>id=42</c>) and the status it answered. Route values name deliveries, accounts and orders, never a person.
/// </summary>
public static class AuditedEndpoint
{
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder builder, string action) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            var answer = result is INestedHttpResult nested ? nested.Result : result;
            var status = answer is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
            var target = answer is IValueHttpResult { Value: IAuditTarget created }
                ? created.AuditTarget
                : string.Join(' ', http.Request.RouteValues.Select(v => $"{v.Key}={v.Value}"));
            await http.RequestServices.GetRequiredService<AuditRecorder>().RecordAsync(
                ActorOf(http), action, target.Length == 0 ? http.Request.Path.Value : target,
                status.ToString(CultureInfo.InvariantCulture), http.RequestAborted);
            return result;
        });

    public static string ActorOf(HttpContext http) => http.User.Identity?.Name ?? "anonymous";
}
