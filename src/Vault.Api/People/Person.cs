using Vault.Api.Data;

namespace Vault.Api.People;

/// <summary>A person the vault knows, linked to their Entra ID account by object id (and tenant).</summary>
public sealed class Person : IVersioned
{
    public Guid Id { get; set; }

    public required string DisplayName { get; set; }

    public string? Email { get; set; }

    /// <summary>The <c>oid</c> claim of the person's Entra ID account; unique with the tenant.</summary>
    public string? EntraObjectId { get; set; }

    /// <summary>The <c>tid</c> claim: the Instituut's tenant or a school's own tenant.</summary>
    public string? EntraTenantId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    public List<RoleAssignment> Roles { get; set; } = [];

    public Guid Version { get; set; }
}

/// <summary>
/// A role a person holds, and where: a WPB at a schoollocatie, a privacy officer of an opleidingsschool (or of
/// the Instituut when no school is set), a consent administrator of a schoollocatie. The token's app roles
/// say what a person may be; these assignments say where.
/// </summary>
public sealed class RoleAssignment
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public required string Role { get; set; }

    public Guid? OpleidingsschoolId { get; set; }

    public Guid? SchoolLocationId { get; set; }
}
