using System.Globalization;
using System.Text.Json.Nodes;
using Ticketscloud.Emulator.Data;
using Ticketscloud.Emulator.Faults;

namespace Ticketscloud.Emulator.Api;

/// <summary>
/// The control plane under <c>/emulator</c> (no key): the call log, fault settings and one activity step. Tests
/// in-process reach the same through <see cref="TcStore"/>, <see cref="TcCallLog"/> and <see cref="TcFaults"/>.
/// </summary>
public static class ControlEndpoints
{
    public static void MapControlEndpoints(this WebApplication app)
    {
        var control = app.MapGroup("/emulator");
        control.MapGet("/calls", (TcCallLog log) => Results.Content(new JsonArray([.. log.Calls.Select(c => (JsonNode)new JsonObject
        {
            ["at"] = c.At.ToString("O", CultureInfo.InvariantCulture),
            ["method"] = c.Method,
            ["path"] = c.Path,
            ["query"] = c.Query,
            ["organizer"] = c.Organizer,
            ["status"] = c.Status,
        })]).ToJsonString(), "application/json"));

        control.MapPut("/faults", async (HttpRequest request, TcFaults faults) =>
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
            try
            {
                faults.Settings = new TcFaultSettings
                {
                    Api429Percent = (double?)body?["api429Percent"] ?? 0,
                    Api500Percent = (double?)body?["api500Percent"] ?? 0,
                    Api503Percent = (double?)body?["api503Percent"] ?? 0,
                    RetryAfterSeconds = (int?)body?["retryAfterSeconds"] ?? 1,
                };
            }
            catch (ArgumentException ex)
            {
                return TcError.Create(StatusCodes.Status400BadRequest, "bad_request", ex.Message);
            }
            return Results.NoContent();
        });

        control.MapPost("/step", (TcStore store) => Results.Text(store.Step()));
    }
}
