namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Hides a buyer's contact details from keys without <c>read:pii</c> while leaving enough to tell two buyers
/// apart in a support conversation: <c>u***@gmail.com</c>, <c>+7910*****00</c>, <c>И.</c>.
/// </summary>
public static class PiiMask
{
    public static string? Email(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return email;
        }
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : $"{email[0]}***{email[at..]}";
    }

    public static string? Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }
        const int head = 5, tail = 2;
        return phone.Length <= head + tail
            ? new string('*', phone.Length)
            : string.Concat(phone.AsSpan(0, head), new string('*', phone.Length - head - tail), phone.AsSpan(phone.Length - tail));
    }

    public static string? Name(string? name) => string.IsNullOrEmpty(name) ? name : $"{name[0]}.";
}
