using System.Text.Json;
using Qtickets.Emulator.Data;

namespace Qtickets.Emulator.Api;

/// <summary>The <c>GET /clients</c> item shape, also embedded as an order's <c>client</c>.</summary>
public static class ClientJsonWriter
{
    public static void Write(Utf8JsonWriter writer, Client client)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", client.Id);
        writer.WriteString("email", client.Email);
        writer.WriteStartObject("details");
        writer.WriteNumber("id", client.DetailsId);
        writer.WriteString("name", client.Name);
        writer.WriteString("middlename", client.Middlename);
        writer.WriteString("surname", client.Surname);
        writer.WriteString("phone", client.Phone);
        writer.WriteString("vk_id", "");
        writer.WriteString("facebook_id", "");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
