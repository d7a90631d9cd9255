using Microsoft.EntityFrameworkCore;
using Vault.Consent;
using Vault.Consent.Gate;
using Vault.Consent.Registry;

namespace Vault.Api.Data;

/// <summary>The consent module's tables, reached by the module through <see cref="IConsentDb"/>.</summary>
public abstract partial class VaultDbContext : IConsentDb
{
    public DbSet<Pupil> Pupils => Set<Pupil>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();

    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();

    public DbSet<GateDecision> GateDecisions => Set<GateDecision>();

    public DbSet<GatePresence> GatePresences => Set<GatePresence>();
}
