using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.PersonalData;

/// <summary>Administrative acts land in <c>GET /api/v1/audit</c> with who, what, on what and how it ended — and no person.</summary>
public sealed class AuditTests(PersonalDataFactory factory) : IClassFixture<PersonalDataFactory>
{
    [Fact]
    public async Task Erasures_replays_and_starts_are_recorded_without_the_person()
    {
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);
        var erased = await admin.PostAsJsonAsync("/api/v1/personal-data/erasures", new { email = "audit.person@example.ru" });
        var erasureId = (await erased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var replayed = await admin.PostAsync("/api/v1/webhooks/deliveries/987654/replay", null);
        Assert.Equal(HttpStatusCode.NotFound, replayed.StatusCode);

        var body = await admin.GetStringAsync("/api/v1/audit");
        var entries = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();

        Assert.DoesNotContain("audit.person", body, StringComparison.OrdinalIgnoreCase);
        var erasure = Assert.Single(entries, e => e.GetProperty("action").GetString() == "erasure");
        Assert.Equal($"erasure={erasureId}", erasure.GetProperty("target").GetString());
        Assert.Equal("202", erasure.GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrEmpty(erasure.GetProperty("actor").GetString()));
        var replay = Assert.Single(entries, e => e.GetProperty("action").GetString() == "webhook_replay");
        Assert.Equal("id=987654", replay.GetProperty("target").GetString());
        Assert.Equal("404", replay.GetProperty("outcome").GetString());
        var start = Assert.Single(entries, e => e.GetProperty("action").GetString() == "startup");
        Assert.Contains("accounts=", start.GetProperty("target").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SyncApiFactory.AdminKey, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admin_reads_the_audit_log_and_a_wrong_action_is_a_400()
    {
        using var reader = factory.CreateClient(SyncApiFactory.PiiKey);
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/audit")).StatusCode);
        var wrong = await admin.GetAsync("/api/v1/audit?action=reboot");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("action", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
