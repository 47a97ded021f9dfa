namespace Qtickets.Emulator.Api;

/// <summary>The documented error body: <c>{"error":"…","status":403}</c>, with <c>code</c> where QTickets adds one.</summary>
public static class ApiError
{
    public static IResult Create(int status, string error, string? code = null) =>
        new Utf8JsonResult(
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("error", error);
                writer.WriteNumber("status", status);
                if (code is not null)
                {
                    writer.WriteString("code", code);
                }

                writer.WriteEndObject();
            },
            status);

    public static IResult NotFound() => Create(StatusCodes.Status404NotFound, "Not found");

    public static IResult BadRequest(string error) => Create(StatusCodes.Status400BadRequest, error);
}
