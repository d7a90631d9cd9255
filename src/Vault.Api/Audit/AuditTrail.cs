using System.Text.Json;
using Vault.Api.Data;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;

namespace Vault.Api.Audit;

/// <summary>
/// Adds audit entries to the request's <see cref="VaultDbContext"/>; <see cref="VaultDbContext"/> chains and
/// writes them in the same transaction as the change they describe.
/// </summary>
internal sealed class AuditTrail(VaultDbContext db, ICurrentActor actor, TimeProvider time, DeferredAudit deferred) : IAuditTrail
{
    // Enums by name, so that a privacy officer reads "Raamovereenkomst" rather than 0.
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    // Sequence is the key; until VaultDbContext chains pending entries, each gets its own negative placeholder so
    // that one unit of work can hold several events (EF cannot track two entries with the same key).
    private static long placeholder;

    public void Record(AuditEvent auditEvent) => db.AuditEntries.Add(ToEntry(auditEvent));

    public async Task RecordNowAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(ToEntry(auditEvent));
        await db.SaveChangesAsync(cancellationToken);
    }

    public ValueTask RecordDeferredAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
        deferred.EnqueueAsync(ToEntry(auditEvent), cancellationToken);

    public Task FlushDeferredAsync(CancellationToken cancellationToken) => deferred.FlushAsync(cancellationToken);

    private AuditEntry ToEntry(AuditEvent e) => new()
    {
        Sequence = -Interlocked.Increment(ref placeholder),
        Id = Guid.CreateVersion7(time.GetUtcNow()),
        OccurredAt = time.GetUtcNow(),
        ActorPersonId = e.SystemActor is null ? actor.PersonId : null,
        ActorName = e.SystemActor ?? actor.DisplayName,
        ActorRoles = e.SystemActor is null ? string.Join(',', actor.Roles.Order(StringComparer.Ordinal)) : "system",
        Action = e.Action,
        SubjectType = e.SubjectType,
        SubjectId = e.SubjectId,
        OpleidingsschoolId = e.OpleidingsschoolId,
        SchoolLocationId = e.SchoolLocationId,
        RecordingId = e.RecordingId,
        PupilIds = string.Join(',', e.PupilIds.Distinct().Order().Select(p => p.ToString("N"))),
        DetailsJson = e.Details is null ? null : JsonSerializer.Serialize(e.Details, e.Details.GetType(), DetailsJson),
        IpAddress = e.SystemActor is null ? actor.IpAddress : null,
        UserAgent = e.SystemActor is null ? Truncate(actor.UserAgent, 512) : null,
        PreviousHash = "",
        Hash = "",
    };

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
