using System.Globalization;
using System.Text;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Position after the last order of a page of <c>mirror.orders</c> in the list's (created_at, platform, account_id,
/// id) descending order: ids repeat across accounts and platforms, so all four make the position unique, and each
/// platform's table walks (created_at, account_id, id) by index (<see cref="MirrorOrderListQuery"/>).
/// Opaque to clients: base64url of the instant (<see cref="CursorEncoding"/>), a version byte, then platform,
/// account id and order id, newline-separated. The version changes with the order, so an older cursor gets the 400.
/// </summary>
public readonly record struct MirrorOrderCursor(DateTimeOffset CreatedAt, string Platform, int AccountId, string Id)
{
    private const char Separator = '\n';
    private const byte Version = 2;

    public string Encode()
    {
        var text = Encoding.UTF8.GetBytes(string.Join(Separator, Platform, AccountId.ToString(CultureInfo.InvariantCulture), Id));
        var bytes = new byte[9 + text.Length];
        CursorEncoding.WriteInstant(bytes, CreatedAt);
        bytes[8] = Version;
        text.CopyTo(bytes, 9);
        return CursorEncoding.Encode(bytes);
    }

    public static bool TryDecode(string text, out MirrorOrderCursor cursor)
    {
        cursor = default;
        if (CursorEncoding.Decode(text) is not { Length: > 9 } bytes || bytes[8] != Version
            || !CursorEncoding.TryReadInstant(bytes, out var createdAt))
        {
            return false;
        }
        string[] parts;
        try
        {
            parts = new UTF8Encoding(false, true).GetString(bytes, 9, bytes.Length - 9).Split(Separator);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        if (parts is not [var platform and (MirrorPlatforms.Qtickets or MirrorPlatforms.Ticketscloud), var account, var id]
            || !int.TryParse(account, NumberStyles.None, CultureInfo.InvariantCulture, out var accountId)
            || id.Length == 0
            || (platform == MirrorPlatforms.Qtickets && MirrorOrderListQuery.QticketsId(id) is null))
        {
            return false;
        }
        cursor = new MirrorOrderCursor(createdAt, platform, accountId, id);
        return true;
    }
}
