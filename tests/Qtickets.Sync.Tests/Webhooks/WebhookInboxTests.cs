using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>The inbox's group commit, on an inbox of the test's own whose writer starts once everything is queued.</summary>
public class WebhookInboxTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    [Fact]
    public async Task A_delivery_the_database_refuses_fails_alone_and_the_rest_of_its_group_commit_is_stored()
    {
        // The accounts are registered before any row refers to one.
        await factory.GetRequiredService<AccountDirectory>().GetAllAsync(CancellationToken.None);
        var options = Options.Create(new WebhookOptions());
        using var inbox = TestInbox.Create(factory.GetRequiredService<NpgsqlDataSource>(), options);
        var marker = Guid.NewGuid().ToString("N");
        var bodies = Enumerable.Range(0, 41).Select(i => $$"""{"id":{{i}},"marker":"{{marker}}"}""").ToList();
        // PostgreSQL text holds no NUL: the INSERT of a batch holding this row fails as a whole.
        bodies[20] = $$"""{"id":20,"marker":"{{marker}}","name":"a{{'\0'}}b"}""";

        // All queued before the writer starts, so they go in one group commit.
        var accepted = bodies.Select(body => inbox.AcceptAsync(TestInbox.Pending(body))).ToList();
        await inbox.StartAsync(CancellationToken.None);
        try
        {
            // Every request is answered, one way or the other.
            await Task.WhenAny(Task.WhenAll(accepted)).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await inbox.StopAsync(CancellationToken.None);
        }

        // Answered 503 for the database's refusal of its own row, not for a failed batch.
        var refused = Assert.IsType<WebhookInboxUnavailableException>(accepted[20].Exception?.InnerException);
        Assert.IsType<PostgresException>(refused.InnerException);
        List<Task<InboxEntry>> genuine = [.. accepted.Where((_, i) => i != 20)];
        Assert.All(genuine, a => Assert.True(a.IsCompletedSuccessfully));
        Assert.All(genuine, a => Assert.False(a.Result.Duplicate));
        await using var db = factory.CreateDbContext();
        var stored = await db.WebhookDeliveries.AsNoTracking().Where(d => d.Body.Contains(marker)).Select(d => d.Id).ToListAsync();
        Assert.Equal(genuine.Select(a => a.Result.DeliveryId).Order(), stored.Order());
    }
}
