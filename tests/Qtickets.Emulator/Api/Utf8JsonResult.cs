using System.Text.Json;

namespace Qtickets.Emulator.Api;

/// <summary>Streams a hand-written JSON body straight into the response pipe (no intermediate strings).</summary>
public sealed class Utf8JsonResult(Action<Utf8JsonWriter> write, int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonWire.WriterOptions))
        {
            write(writer);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
