using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.Accounts;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class RequestSlotConfiguration : IEntityTypeConfiguration<RequestSlot>
{
    public void Configure(EntityTypeBuilder<RequestSlot> builder)
    {
        builder.ToTable("qtickets_request_slots");
        builder.HasKey(s => new { s.AccountId, s.Name });
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Name).HasMaxLength(64);
    }
}
