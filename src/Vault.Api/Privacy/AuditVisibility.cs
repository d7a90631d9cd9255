using Vault.Api.Audit;
using Vault.Shared.Identity;

namespace Vault.Api.Privacy;

/// <summary>
/// Which audit entries a privacy officer (FG) may see.
/// <list type="bullet">
/// <item>An opleidingsschool's FG sees the entries of its opleidingsscholen: entries whose schoollocatie belongs
/// to one of them, or that name the opleidingsschool itself (policy changes, its FG's own work).</item>
/// <item>The Instituut's FG (a PrivacyOfficer assignment without a school) sees the Instituut side: (1) entries
/// tied to no opleidingsschool or schoollocatie — sign-ins, people and roles, agreements, audit verifications,
/// system-wide runs, the work of FGs of several schools — and (2) everything done, at any school, by someone
/// acting as Instituutsopleider or Beheerder Instituut, because those are the Instituut's own staff (an IO
/// viewing a recording at an OSR school is seen by OSR's FG and by the Instituut's FG).</item>
/// </list>
/// A person holding both kinds of assignment sees the union. Without any assignment an FG sees nothing.
/// </summary>
internal static class AuditVisibility
{
    public static IQueryable<AuditEntry> VisibleTo(this IQueryable<AuditEntry> entries, PrivacyScope scope)
    {
        var locations = scope.SchoolLocationIds.ToList();
        var schools = scope.OpleidingsschoolIds.ToList();
        if (scope.Instituut)
        {
            return entries.Where(e =>
                (e.SchoolLocationId != null && locations.Contains(e.SchoolLocationId.Value))
                || (e.OpleidingsschoolId != null && schools.Contains(e.OpleidingsschoolId.Value))
                || (e.SchoolLocationId == null && e.OpleidingsschoolId == null)
                || e.ActorRoles.Contains(VaultRoles.Instituutsopleider)
                || e.ActorRoles.Contains(VaultRoles.InstituteAdministrator));
        }

        return entries.Where(e =>
            (e.SchoolLocationId != null && locations.Contains(e.SchoolLocationId.Value))
            || (e.OpleidingsschoolId != null && schools.Contains(e.OpleidingsschoolId.Value)));
    }

    /// <summary>Where an FG's own action (query, export, erasure request) is filed: their one opleidingsschool, else the Instituut side.</summary>
    public static Guid? HomeOf(PrivacyScope scope) =>
        !scope.Instituut && scope.OpleidingsschoolIds.Count == 1 ? scope.OpleidingsschoolIds.First() : null;
}
