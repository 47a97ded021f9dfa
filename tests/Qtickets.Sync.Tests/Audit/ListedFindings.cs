using System.Net.Http.Json;
using System.Text.Json;
using Qtickets.Sync.Domain.Audit;

namespace Qtickets.Sync.Tests.Audit;

/// <summary>An audit run's findings as <c>/api/v1/sync/runs/{id}/findings</c> lists them, for both platforms' audit tests.</summary>
internal static class ListedFindings
{
    /// <summary>Each finding's entity, kind, id (the ticket's where it names one, else the order's) and differing fields.</summary>
    public static async Task<List<(string? Entity, string? Kind, string Id, List<string?> Fields)>> ReadAsync(HttpClient admin, long runId)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/sync/runs/{runId}/findings?limit=500");
        return [.. page.GetProperty("items").EnumerateArray().Select(f => (
            Entity: f.GetProperty("entity").GetString(), Kind: f.GetProperty("kind").GetString(),
            Id: (f.GetProperty("ticketId").ValueKind == JsonValueKind.Null ? f.GetProperty("orderId") : f.GetProperty("ticketId")).GetString()!,
            Fields: f.GetProperty("fields").EnumerateArray().Select(x => x.GetProperty("field").GetString()).ToList()))];
    }

    /// <summary>
    /// Exactly the ten differences both tests plant: five orders deleted from the mirror are missing there, two it
    /// invented are gone upstream, three repriced tickets differ in their price alone; the totals differ by as much.
    /// </summary>
    public static void AssertPlanted(
        List<(string? Entity, string? Kind, string Id, List<string?> Fields)> findings,
        IEnumerable<string> deleted, IEnumerable<string> invented, IEnumerable<string> repriced, AuditResult broken)
    {
        Assert.Equal(10, findings.Count);
        Assert.Equal(deleted.Order(), findings.Where(f => f is { Entity: AuditEntities.Order, Kind: AuditFindingKinds.MissingInMirror }).Select(f => f.Id).Order());
        Assert.Equal(invented.Order(), findings.Where(f => f is { Entity: AuditEntities.Order, Kind: AuditFindingKinds.GoneUpstream }).Select(f => f.Id).Order());
        var differing = findings.Where(f => f is { Entity: AuditEntities.Ticket, Kind: AuditFindingKinds.Differs }).ToList();
        Assert.Equal(repriced.Order(), differing.Select(f => f.Id).Order());
        Assert.All(differing, f => Assert.Equal(["price"], f.Fields));
        Assert.Equal(broken.PlatformOrders - 5, broken.MirrorOrders - 2);
    }
}
