using System.Text.Json.Nodes;

namespace Ticketscloud.Emulator.Api;

/// <summary>An error answer: <c>{"errors":[{"code":"…","msg":"…"}]}</c>, the shape seed 003 shows for promo codes.</summary>
public static class TcError
{
    public static IResult Create(int status, string code, string? message = null) =>
        Results.Content(
            new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["msg"] = message ?? code }) }.ToJsonString(),
            "application/json", statusCode: status);
}
