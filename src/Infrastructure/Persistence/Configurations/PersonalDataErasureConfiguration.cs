using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qtickets.Sync.Domain.PersonalData;

namespace Qtickets.Sync.Infrastructure.Persistence.Configurations;

internal sealed class PersonalDataErasureConfiguration : IEntityTypeConfiguration<PersonalDataErasure>
{
    public void Configure(EntityTypeBuilder<PersonalDataErasure> builder)
    {
        builder.ToTable("personal_data_erasures");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.RequestedBy).HasMaxLength(200);
        builder.Property(e => e.Counts).HasColumnType("jsonb");
        // Every page written checks its buyers against these, so both lookups are by index.
        builder.HasIndex(e => e.EmailHash);
        builder.HasIndex(e => e.PhoneHash);
    }
}
