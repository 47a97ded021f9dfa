namespace Qtickets.Sync.Tests.Qtickets;

/// <summary>Small QTickets-shaped payloads for client tests.</summary>
internal static class QticketsJson
{
    public static string Order(long id, bool payed = true, string updatedAt = "2025-11-01T10:00:00+03:00") =>
        $$"""{"id":{{id}},"payed":{{(payed ? "true" : "false")}},"created_at":"2025-11-01T09:00:00+03:00","updated_at":"{{updatedAt}}","event_id":33,"price":100,"baskets":[]}""";

    public static string Page(IEnumerable<string> items, string? paging = null) =>
        $$"""{"data":[{{string.Join(',', items)}}]{{(paging is null ? "" : $",\"paging\":{paging}")}}}""";

    public static string OrdersPage(params long[] ids) => Page(ids.Select(id => Order(id)));

    public static string Paging(int perPage, int currentPage, int total) =>
        $$"""{"perPage":{{perPage}},"currentPage":{{currentPage}},"total":{{total}}}""";
}
