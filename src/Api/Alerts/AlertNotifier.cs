using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Alerts;

namespace Qtickets.Sync.Api.Alerts;

/// <summary>
/// Sends a claimed message to every target, on its own typed client and resilience pipeline (see
/// <see cref="AlertSetup"/>), so a slow or dead receiver never touches the QTickets client or the sync jobs.
/// </summary>
public sealed partial class AlertNotifier(HttpClient http, IOptionsMonitor<AlertOptions> options, ILogger<AlertNotifier> logger)
{
    public async Task SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var text = Text(message);
        foreach (var target in options.CurrentValue.Targets)
        {
            try
            {
                using var content = target.Format == AlertTargetOptions.Telegram
                    ? JsonContent.Create(new TelegramMessage(target.ChatId!, text), AlertJsonContext.Default.TelegramMessage)
                    : JsonContent.Create(
                        new AlertPayload(message.Kind, message.Account, message.Rule, message.Repeat, message.Since, message.At, message.Detail, text),
                        AlertJsonContext.Default.AlertPayload);
                using var response = await http.PostAsync(target.Url, content, cancellationToken);
                response.EnsureSuccessStatusCode();
                LogSent(message.Kind, message.Account, message.Rule, target.Url!.Host);
            }
            // Whatever one target does, the others still get the message and the claim stands (ADR 0007).
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(ex, message.Kind, message.Account, message.Rule, target.Url!.Host);
            }
        }
    }

    /// <summary>One line a person reads on a phone.</summary>
    public static string Text(AlertMessage message)
    {
        var icon = message.Kind == AlertMessageKinds.Fired ? "🔴" : "✅";
        var what = message.Kind == AlertMessageKinds.Fired ? (message.Repeat ? "still firing" : "FIRED") : "resolved";
        return string.Create(CultureInfo.InvariantCulture,
            $"{icon} Qtickets.Sync [{message.Account}] {message.Rule} {what} (since {message.Since:yyyy-MM-dd HH:mm:ss}Z): {message.Detail}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Kind} sent: {Account}/{Rule} to {Target}")]
    private partial void LogSent(string kind, string account, string rule, string target);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {Kind} for {Account}/{Rule} could not be sent to {Target}")]
    private partial void LogFailed(Exception ex, string kind, string account, string rule, string target);
}
