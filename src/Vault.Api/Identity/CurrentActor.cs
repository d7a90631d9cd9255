using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.People;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;

namespace Vault.Api.Identity;

/// <summary>
/// The signed-in user as the vault knows them: token claims for roles, the vault's own person record (linked
/// by tenant + object id, or on first sign-in by e-mail) for identity and scope.
/// </summary>
internal sealed class CurrentActor(IHttpContextAccessor http, VaultDbContext db) : ICurrentActor
{
    // Compiled once: every authorised request resolves its person.
    private static readonly Func<VaultDbContext, string, string?, Person?> PersonQuery = EF.CompileQuery(
        (VaultDbContext db, string oid, string? tid) => db.People.AsNoTracking().FirstOrDefault(p => p.EntraObjectId == oid && p.EntraTenantId == tid));

    private Person? person;
    private bool resolved;
    private IReadOnlySet<Guid>? consentLocations;
    private PrivacyScope? privacyScope;

    private System.Security.Claims.ClaimsPrincipal? User => http.HttpContext?.User;

    public Guid? PersonId => Resolve()?.Id;

    public string DisplayName => Resolve()?.DisplayName ?? User?.FindFirst(VaultClaims.Name)?.Value ?? "anoniem";

    public IReadOnlySet<string> Roles =>
        User?.FindAll(VaultClaims.Roles).Select(c => c.Value).Where(VaultRoles.IsKnown).ToHashSet(StringComparer.Ordinal)
        ?? new HashSet<string>();

    public string? IpAddress => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent => http.HttpContext?.Request.Headers.UserAgent.ToString();

    public bool IsInRole(string role) => User?.HasClaim(VaultClaims.Roles, role) == true;

    public async Task<IReadOnlySet<Guid>> ConsentSchoolLocationsAsync(CancellationToken cancellationToken)
    {
        if (consentLocations is not null)
        {
            return consentLocations;
        }

        var id = PersonId;
        if (id is null || !IsInRole(VaultRoles.ConsentAdministrator))
        {
            return consentLocations = new HashSet<Guid>();
        }

        var locations = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.PersonId == id && r.Role == VaultRoles.ConsentAdministrator && r.SchoolLocationId != null)
            .Select(r => r.SchoolLocationId!.Value)
            .ToListAsync(cancellationToken);
        return consentLocations = locations.ToHashSet();
    }

    public async Task<PrivacyScope> PrivacyScopeAsync(CancellationToken cancellationToken)
    {
        if (privacyScope is not null)
        {
            return privacyScope;
        }

        var id = PersonId;
        if (id is null || !IsInRole(VaultRoles.PrivacyOfficer))
        {
            return privacyScope = PrivacyScope.None;
        }

        var assignments = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.PersonId == id && r.Role == VaultRoles.PrivacyOfficer)
            .ToListAsync(cancellationToken);
        var instituut = assignments.Any(a => a.OpleidingsschoolId is null && a.SchoolLocationId is null);
        var schools = assignments.Where(a => a.OpleidingsschoolId is not null).Select(a => a.OpleidingsschoolId!.Value).ToHashSet();
        var locations = await db.SchoolLocations.AsNoTracking()
            .Where(l => schools.Contains(l.OpleidingsschoolId))
            .Select(l => l.Id)
            .ToListAsync(cancellationToken);
        return privacyScope = new PrivacyScope(instituut, schools, locations.ToHashSet());
    }

    private void SignedIn(Person signedIn)
    {
        person = signedIn;
        resolved = true;
    }

    private Person? Resolve()
    {
        if (resolved)
        {
            return person;
        }

        resolved = true;
        var user = User;
        var oid = user?.FindFirst(VaultClaims.ObjectId)?.Value;
        if (user?.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(oid))
        {
            return null;
        }

        var tid = user.FindFirst(VaultClaims.TenantId)?.Value;

        // Synchronous on purpose: the first access happens inside authorization and audit code paths that are
        // property getters; the lookup is one indexed row, cached for the request.
        person = PersonQuery(db, oid, tid);
        return person;
    }

    /// <summary>
    /// Links a signed-in account to its pre-provisioned person (by e-mail) the first time it signs in, and
    /// records the sign-in. Called by the interactive sign-in paths and by <c>/api/me</c>.
    /// </summary>
    public static async Task<Person?> LinkAndRecordSignInAsync(
        System.Security.Claims.ClaimsPrincipal user, VaultDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken, ICurrentActor? actor = null)
    {
        var oid = user.FindFirst(VaultClaims.ObjectId)?.Value;
        var tid = user.FindFirst(VaultClaims.TenantId)?.Value;
        if (string.IsNullOrEmpty(oid))
        {
            return null;
        }

        var found = await db.People.FirstOrDefaultAsync(p => p.EntraObjectId == oid && p.EntraTenantId == tid, cancellationToken);
        var linked = false;
        if (found is null)
        {
            var email = (user.FindFirst(VaultClaims.Email) ?? user.FindFirst(VaultClaims.PreferredUsername))?.Value?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(email))
            {
                return null;
            }

            found = await db.People.FirstOrDefaultAsync(p => p.EntraObjectId == null && p.Email == email, cancellationToken);
            if (found is null)
            {
                return null;
            }

            found.EntraObjectId = oid;
            found.EntraTenantId = tid;
            linked = true;
        }

        found.LastSignInAt = time.GetUtcNow();

        // The sign-in is recorded with the person as its actor (the request's actor was resolved before the link).
        (actor as CurrentActor)?.SignedIn(found);
        audit.Record(new AuditEvent(AuditActions.SignIn, "person", found.Id.ToString()) { Details = new { linked, tenant = tid } });
        await db.SaveChangesAsync(cancellationToken);
        return found;
    }
}
