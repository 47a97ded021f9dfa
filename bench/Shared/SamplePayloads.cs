using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Qtickets.Sync.Bench;

/// <summary>
/// QTickets-shaped order bodies (the documented order 4360, docs/sources.md: three baskets, padded to about 2 KB) with a distinct id
/// and updated_at each, so neither the webhook dedupe nor the version guard can short-circuit the work.
/// </summary>
public static class SamplePayloads
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(3));

    /// <summary>The event and pay time of order <paramref name="id"/>'s body (paid when last updated).</summary>
    public static (long EventId, DateTimeOffset PaidAt) Facts(long id, int eventCount = 20) =>
        (1 + id % eventCount, Epoch.AddSeconds(id % 31_536_000).AddSeconds(17 + id % 600));

    public static string Order(long id, int eventCount = 20)
    {
        var created = Epoch.AddSeconds(id % 31_536_000);
        var (eventId, updated) = Facts(id, eventCount);
        var sb = new StringBuilder(2200);
        sb.Append(CultureInfo.InvariantCulture, $$$"""{"id":{{{id}}},"uniqid":"u{{{id:x10}}}","payed":true,"payed_at":"{{{Iso(updated)}}}","created_at":"{{{Iso(created)}}}","updated_at":"{{{Iso(updated)}}}","deleted_at":null,"client_id":{{{1000 + id % 50_000}}},"client":{"id":{{{1000 + id % 50_000}}},"email":"buyer{{{id % 50_000}}}@example.org","details":{"id":{{{id % 50_000}}},"name":"Иван","middlename":null,"surname":"Петров","phone":"+7910{{{id % 10_000_000:0000000}}}","vk_id":"","facebook_id":""}},"site_id":16,"site":{"id":16,"host":"qtickets.ru"},"payment_id":36,"payment_type_id":"bankcard","payment_card_number":null,"payment_url":"https://qtickets.ru/pay/u{{{id:x10}}}","basket_user_id":2111,"backend_user_id":null,"access_code_id":null,"discount_id":null,"promo_code_id":null,"reserved":0,"reserved_to":null,"reserve_extended":0,"event_id":{{{eventId}}},"price":450,"original_price":450,"currency_id":"RUB","utm":[],"custom":{"var1":"val1"},"fields":{"organization_name":"ИП Петров"},"baskets":[""");
        for (var i = 0; i < 3; i++)
        {
            var basketId = id * 3 + i;
            sb.Append(CultureInfo.InvariantCulture, $$$"""{{{(i > 0 ? "," : "")}}}{"id":{{{basketId}}},"barcode":"{{{basketId:000000000000}}}","show_id":{{{eventId * 10}}},"seat_id":"CENTER_PARTERRE-{{{i + 1}}};{{{id % 40}}}","original_price":150,"discount_value":null,"price":150,"quantity":1,"client_email":"buyer{{{id % 50_000}}}@example.org","client_phone":"+79100000000","client_name":"Иван","client_surname":"Петров","client_middlename":null,"pdf_url":"https://qtickets.ru/ticket/pdf/{{{basketId:x10}}}","related_baskets":[],"checked_at":null,"created_at":"{{{Iso(created)}}}","updated_at":"{{{Iso(updated)}}}","deleted_at":null,"refunded_at":null,"refunded_amount":null,"refunded_deduction_amount":null}""");
        }
        sb.Append("]}");
        return sb.ToString();
    }

    /// <summary>QTickets' signature: lowercase hex HMAC-SHA1 of the raw body keyed by the secret.</summary>
    public static string Sign(string secret, string body) =>
        Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
