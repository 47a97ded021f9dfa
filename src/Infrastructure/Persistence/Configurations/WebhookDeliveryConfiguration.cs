using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.Headers).HasColumnType("jsonb");
        builder.Property(d => d.EventType).HasMaxLength(64);
        builder.Property(d => d.ModelName).HasMaxLength(64);
        builder.Property(d => d.SignatureStatus).HasMaxLength(16);
        builder.Property(d => d.BodySha256).HasMaxLength(64);
        builder.Property(d => d.Status).HasMaxLength(16);

        // QTickets sends no event id: the same event type with the same bytes is the same delivery, retried.
        // Rejected deliveries are kept apart so a forged copy can never shadow the genuine one.
        builder.HasIndex(d => new { d.AccountId, d.EventType, d.BodySha256 })
            .IsUnique()
            .HasFilter("status <> 'rejected'");
        builder.HasIndex(d => new { d.Status, d.Id });
        builder.HasIndex(d => new { d.AccountId, d.OrderId, d.Id });
        builder.HasIndex(d => d.ReceivedAt);
    }
}
