using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class RequestSlotConfiguration : IEntityTypeConfiguration<RequestSlot>
{
    public void Configure(EntityTypeBuilder<RequestSlot> builder)
    {
        builder.ToTable("qtickets_request_slots");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(64);
    }
}
