using System.Text.Json;
using Qtickets.Sync.Domain.Commands;

namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>How a platform's side of the command path records answers and settles a command.</summary>
public static class CommandResponses
{
    /// <summary>
    /// Sets the command's outcome and saves it. Saved whatever the caller does next: a request that gave up must not
    /// leave the audit row behind.
    /// </summary>
    public static async Task SettleAsync(
        TimeProvider time, OrderCommand command, string state, string? resolution, string? error,
        Func<CancellationToken, Task> save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(save);
        command.State = state;
        command.Resolution = resolution;
        command.Error = error;
        command.UpdatedAt = time.GetUtcNow();
        command.FinishedAt = OrderCommandStates.IsFinal(state) ? command.UpdatedAt : null;
        await save(cancellationToken.IsCancellationRequested ? CancellationToken.None : cancellationToken);
    }

    /// <summary>
    /// Reads the order after an answer was lost. True when that settled the command: the action shows (succeeded,
    /// by fetch), the order is gone (failed), or it could not be read (unknown: nothing may be sent blindly). False:
    /// the order shows the action did not happen, so it is safe to send again.
    /// </summary>
    public static async Task<bool> ReadBackAsync<TOrder>(
        TimeProvider time, OrderCommand command, string? why,
        Func<CancellationToken, Task<TOrder?>> read, Func<TOrder, CancellationToken, Task> mirror, Func<TOrder, bool> shows,
        Func<CancellationToken, Task> save, CancellationToken cancellationToken)
        where TOrder : class
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(mirror);
        ArgumentNullException.ThrowIfNull(shows);
        TOrder? order;
        try
        {
            order = await read(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await SettleAsync(time, command, OrderCommandStates.Unknown, null,
                $"{why}; reading the order back failed too ({exception.Message}). Not sent again: send the same Idempotency-Key to check once more.",
                save, cancellationToken);
            return true;
        }
        if (order is null)
        {
            await SettleAsync(time, command, OrderCommandStates.Failed, OrderCommandResolutions.Fetch, $"{why}; the order no longer exists.", save, cancellationToken);
            return true;
        }
        await mirror(order, cancellationToken);
        if (shows(order))
        {
            await SettleAsync(time, command, OrderCommandStates.Succeeded, OrderCommandResolutions.Fetch, null, save, cancellationToken);
            return true;
        }
        command.Error = $"{why}; the order read back shows the action did not happen.";
        return false;
    }

    /// <summary>The platform's answer for the audit: its status and body (JSON when it is JSON, else the text).</summary>
    public static string Json(int? status, string? body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (status is { } code)
            {
                writer.WriteNumber("status", code);
            }
            else
            {
                writer.WriteNull("status");
            }
            writer.WritePropertyName("body");
            if (body is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                try
                {
                    using var document = JsonDocument.Parse(body);
                    document.RootElement.WriteTo(writer);
                }
                catch (JsonException)
                {
                    writer.WriteStringValue(body);
                }
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
