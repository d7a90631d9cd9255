using Vault.Shared.Identity;

namespace Vault.Retention;

/// <summary>Who may see and steer retention: privacy officers (within their scope) and institute administrators.</summary>
internal static class RetentionAccess
{
    public const string Policy = "vault:retention-officer";

    /// <summary>The school locations the actor may see, or null for everything (institute administrator, the Instituut's privacy officer).</summary>
    public static async Task<IReadOnlySet<Guid>?> VisibleLocationsAsync(ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (actor.IsInRole(VaultRoles.InstituteAdministrator))
        {
            return null;
        }

        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        return scope.Instituut ? null : scope.SchoolLocationIds;
    }

    public static bool Sees(IReadOnlySet<Guid>? visible, Guid schoolLocationId) => visible is null || visible.Contains(schoolLocationId);
}
