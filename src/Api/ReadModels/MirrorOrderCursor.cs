using System.Text;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Position after the last order of a page of <c>mirror.orders</c> in the list's (created_at, account, platform,
/// id) descending order: ids repeat across accounts and platforms, so all four make the position unique.
/// Opaque to clients: base64url of the instant (<see cref="CursorEncoding"/>) then the three texts, newline-separated.
/// </summary>
public readonly record struct MirrorOrderCursor(DateTimeOffset CreatedAt, string Account, string Platform, string Id)
{
    private const char Separator = '\n';

    public static MirrorOrderCursor After(MirrorOrderDto order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(order.CreatedAt, order.Account, order.Platform, order.Id);
    }

    public string Encode()
    {
        var text = Encoding.UTF8.GetBytes(string.Join(Separator, Account, Platform, Id));
        var bytes = new byte[8 + text.Length];
        CursorEncoding.WriteInstant(bytes, CreatedAt);
        text.CopyTo(bytes, 8);
        return CursorEncoding.Encode(bytes);
    }

    public static bool TryDecode(string text, out MirrorOrderCursor cursor)
    {
        cursor = default;
        if (CursorEncoding.Decode(text) is not { Length: > 8 } bytes || !CursorEncoding.TryReadInstant(bytes, out var createdAt))
        {
            return false;
        }
        string[] parts;
        try
        {
            parts = new UTF8Encoding(false, true).GetString(bytes, 8, bytes.Length - 8).Split(Separator);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        if (parts is not [var account, var platform and (MirrorPlatforms.Qtickets or MirrorPlatforms.Ticketscloud), var id]
            || account.Length == 0 || id.Length == 0)
        {
            return false;
        }
        cursor = new MirrorOrderCursor(createdAt, account, platform, id);
        return true;
    }
}
