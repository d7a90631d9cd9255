using Microsoft.EntityFrameworkCore;
using Vault.Consent.Gate;
using Vault.Consent.Registry;

namespace Vault.Consent;

/// <summary>
/// The consent module's view of the vault's database; implemented by the host's DbContext, so that the module's
/// changes and the audit trail are saved in one unit of work.
/// </summary>
public interface IConsentDb
{
    DbSet<Pupil> Pupils { get; }

    DbSet<Group> Groups { get; }

    DbSet<GroupMembership> GroupMemberships { get; }

    DbSet<ConsentRecord> ConsentRecords { get; }

    DbSet<GateDecision> GateDecisions { get; }

    DbSet<GatePresence> GatePresences { get; }

    /// <summary>The unit of work's database, for keeping its connection open over a burst of queries.</summary>
    Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database { get; }

    /// <summary>Queues new rows for the next save, which writes them as bulk rows without them ever entering the change tracker.</summary>
    void InsertInBulk(IEnumerable<Vault.Shared.Data.IInsertedInBulk> rows);

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
