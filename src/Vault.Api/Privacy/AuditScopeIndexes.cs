using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vault.Api.Audit;

namespace Vault.Api.Privacy;

/// <summary>
/// Extra indexes on the audit log for the privacy officer's scoped queries (entries of their schoollocaties or
/// opleidingsschool). Applied next to <c>AuditEntryConfiguration</c>; both configure the same table.
/// </summary>
internal sealed class AuditScopeIndexes : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(e => e.SchoolLocationId);
        b.HasIndex(e => e.OpleidingsschoolId);
    }
}
