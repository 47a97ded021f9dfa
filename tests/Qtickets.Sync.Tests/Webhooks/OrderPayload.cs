using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>
/// Webhook bodies built from the documented order 4360 (seed 001: the bare order, as QTickets posts it), each
/// with fresh order and basket ids so tests sharing a database never touch each other's rows.
/// </summary>
internal sealed class OrderPayload
{
    /// <summary>The <c>data</c> of the documented <c>GET /orders/4360</c> answer.</summary>
    public const string Order4360 = """
        {
              "id":4360,
              "uniqid":"z7rkjcV2BV",
              "payed":true,
              "payed_at":"2019-07-30T12:50:52+03:00",
              "created_at":"2019-07-30T12:50:36+03:00",
              "updated_at":"2019-07-30T12:50:52+03:00",
              "deleted_at":null,
              "client_id":235,
              "client":{
                 "id":235,
                 "email":"username@gmail.com",
                 "details":{
                    "id":167,
                    "name":"Иван",
                    "middlename":null,
                    "surname":"Петров",
                    "phone":"+79100000000",
                    "vk_id":"",
                    "facebook_id":""
                 }
              },
              "site_id":16,
              "site":{
                 "id":16,
                 "host":"qtickets.ru"
              },
              "payment_id":36,
              "payment_type_id":"bankcard",
              "payment_card_number":null,
              "payment_url":"https://qtickets.ru/pay/z7rkjcV2BV",
              "cancel_url":"https://qtickets.ru/cancel-order/z7rkjcV2BV/a800d6bfc609003205752c42844f541c",
              "basket_user_id":2111,
              "backend_user_id":null,
              "access_code_id":null,
              "discount_id":null,
              "promo_code_id":null,
              "reserved":0,
              "reserved_to":"2019-07-31T12:50:36+03:00",
              "reserve_extended":0,
              "event_id":33,
              "price":800,
              "original_price":800,
              "currency_id":"RUB",
              "utm":[

              ],
              "custom":{
                 "var1":"val1",
                 "var2":"val2"
              },
              "fields":{
                 "organization_name":"ИП Петров"
              },
              "baskets":[
                 {
                    "id":63993,
                    "barcode":"877076325904",
                    "show_id":41,
                    "seat_id":"CENTER_PARTERRE-21;12",
                    "original_price":150,
                    "discount_value":null,
                    "price":150,
                    "quantity":1,
                    "client_email":"username@gmail.com",
                    "client_phone":"+79100000000",
                    "client_name":"Иван",
                    "client_surname":"Петров",
                    "client_middlename":"Петрович",
                    "organization_name":null,
                    "legal_name":null,
                    "work_position":null,
                    "inn":null,
                    "kpp":null,
                    "comment":null,
                    "pdf_url": "https://qtickets.ru/ticket/pdf/FepllFLDqE/82db24e13831066dc792c265eec243fd",
                    "passbook_url": "https://qtickets.ru/ticket/passbook/FepllFLDqE/82db24e13831066dc792c265eec243fd",
                    "related_baskets":[

                    ],
                    "checked_at":null,
                    "created_at":"2019-07-30T12:49:47+03:00",
                    "updated_at":"2019-07-30T12:50:52+03:00",
                    "deleted_at":null,
                    "refunded_at":null,
                    "refunded_amount":null,
                    "refunded_deduction_amount":null
                 },
                 {
                    "id":63994,
                    "barcode":"877344688530",
                    "show_id":41,
                    "seat_id":"CENTER_PARTERRE-21;11",
                    "original_price":150,
                    "discount_value":null,
                    "price":150,
                    "quantity":1,
                    "client_email":"username@gmail.com",
                    "client_phone":"+79100000000",
                    "client_name":"Иван",
                    "client_surname":"Петров",
                    "client_middlename":"Петрович",
                    "organization_name":null,
                    "legal_name":null,
                    "work_position":null,
                    "inn":null,
                    "kpp":null,
                    "comment":null,
                    "related_baskets":[

                    ],
                    "checked_at":null,
                    "created_at":"2019-07-30T12:49:50+03:00",
                    "updated_at":"2019-07-30T12:50:52+03:00",
                    "deleted_at":null,
                    "refunded_at":null,
                    "refunded_amount":null,
                    "refunded_deduction_amount":null
                 },
                 {
                    "id":63995,
                    "barcode":"875606411179",
                    "show_id":41,
                    "seat_id":"CENTER_BALCONY-1;14",
                    "original_price":500,
                    "discount_value":null,
                    "price":500,
                    "quantity":1,
                    "client_email":"username@gmail.com",
                    "client_phone":"+79100000000",
                    "client_name":"Иван",
                    "client_surname":"Петров",
                    "client_middlename":"Петрович",
                    "organization_name":null,
                    "legal_name":null,
                    "work_position":null,
                    "inn":null,
                    "kpp":null,
                    "comment":null,
                    "related_baskets":[

                    ],
                    "checked_at":null,
                    "created_at":"2019-07-30T12:49:54+03:00",
                    "updated_at":"2019-07-30T12:50:52+03:00",
                    "deleted_at":null,
                    "refunded_at":null,
                    "refunded_amount":null,
                    "refunded_deduction_amount":null
                 }
              ],
              "integrations":{
                 "roistat":{
                    "roistat_visit":"100018"
                 }
              }
        }
        """;

    // Written the way QTickets writes: '+' of a timestamp offset and Cyrillic as they are, not \u-escaped.
    private static readonly JsonSerializerOptions AsSent = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static long nextId = 7_000_000;

    private readonly JsonObject json;

    private OrderPayload(JsonObject json)
    {
        this.json = json;
    }

    public long Id => (long)json["id"]!;

    public IReadOnlyList<long> BasketIds => [.. json["baskets"]!.AsArray().Select(b => (long)b!["id"]!)];

    /// <summary>Order 4360 as documented, with new ids: paid, three tickets, updated 2019-07-30T12:50:52+03:00.</summary>
    public static OrderPayload New()
    {
        var json = JsonNode.Parse(Order4360)!.AsObject();
        json["id"] = Interlocked.Increment(ref nextId);
        foreach (var basket in json["baskets"]!.AsArray())
        {
            basket!["id"] = Interlocked.Increment(ref nextId);
        }
        return new OrderPayload(json);
    }

    /// <summary>A copy with <c>updated_at</c> set and <paramref name="change"/> applied; this payload is left as it is.</summary>
    public OrderPayload Then(string updatedAt, Action<JsonObject>? change = null)
    {
        var copy = json.DeepClone().AsObject();
        copy["updated_at"] = updatedAt;
        change?.Invoke(copy);
        return new OrderPayload(copy);
    }

    public static JsonObject Basket(JsonObject order, int index) => order["baskets"]![index]!.AsObject();

    public override string ToString() => json.ToJsonString(AsSent);

    public static string Sign(string body, string secret) =>
        Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
