using System.Text.Json.Serialization;

namespace Qtickets.Sync.Api.Alerts;

/// <summary>The generic JSON body of an alert message.</summary>
public sealed record AlertPayload(
    string Status, string Account, string Rule, bool Repeat, DateTimeOffset Since, DateTimeOffset At, string Detail, string Text);

/// <summary>Telegram Bot API <c>sendMessage</c>.</summary>
public sealed record TelegramMessage(
    [property: JsonPropertyName("chat_id")] string ChatId,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("disable_web_page_preview")] bool DisableWebPagePreview = true);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AlertPayload))]
[JsonSerializable(typeof(TelegramMessage))]
internal sealed partial class AlertJsonContext : JsonSerializerContext;
