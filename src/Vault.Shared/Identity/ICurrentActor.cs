namespace Vault.Shared.Identity;

/// <summary>Who is making the current request, as the vault knows them.</summary>
public interface ICurrentActor
{
    /// <summary>The vault's own person id, linked to the token's object id; null when the signed-in user is unknown to the vault.</summary>
    Guid? PersonId { get; }

    string DisplayName { get; }

    IReadOnlySet<string> Roles { get; }

    string? IpAddress { get; }

    string? UserAgent { get; }

    bool IsInRole(string role);

    /// <summary>The schoollocaties this actor administers consent for (role ConsentAdministrator).</summary>
    Task<IReadOnlySet<Guid>> ConsentSchoolLocationsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The scope of a privacy officer: the schoollocaties of their opleidingsscholen, and whether they are the
    /// Instituut's own privacy officer.
    /// </summary>
    Task<PrivacyScope> PrivacyScopeAsync(CancellationToken cancellationToken);
}

public sealed record PrivacyScope(bool Instituut, IReadOnlySet<Guid> OpleidingsschoolIds, IReadOnlySet<Guid> SchoolLocationIds)
{
    public static readonly PrivacyScope None = new(false, new HashSet<Guid>(), new HashSet<Guid>());

    public bool CoversSchoolLocation(Guid schoolLocationId) => SchoolLocationIds.Contains(schoolLocationId);
}
