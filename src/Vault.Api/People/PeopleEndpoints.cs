using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.People;

public sealed record RoleAssignmentView(string Role, Guid? OpleidingsschoolId, Guid? SchoolLocationId)
{
    public static RoleAssignmentView From(RoleAssignment r) => new(r.Role, r.OpleidingsschoolId, r.SchoolLocationId);
}

public sealed record PersonView(Guid Id, string DisplayName, string? Email, bool Linked, IReadOnlyList<RoleAssignmentView> Roles, Guid Version)
{
    public static PersonView From(Person p) =>
        new(p.Id, p.DisplayName, p.Email, p.EntraObjectId is not null, [.. p.Roles.Select(RoleAssignmentView.From)], p.Version);
}

public sealed record CreatePersonRequest(string DisplayName, string? Email, string? EntraObjectId, string? EntraTenantId, IReadOnlyList<RoleAssignmentView>? Roles);

public sealed record SetRolesRequest(IReadOnlyList<RoleAssignmentView> Roles, Guid Version);

/// <summary>People and their roles, managed by institute administrators.</summary>
public static class PeopleEndpoints
{
    public static RouteGroupBuilder MapPeopleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/people").WithTags("People").RequireAuthorization(VaultPolicies.InstituteAdministrator);
        group.MapGet("/", List).WithName("ListPeople").WithSummary("Personen zoeken / Search people");
        group.MapGet("/{id:guid}", Get).WithName("GetPerson").WithSummary("Eén persoon / One person");
        group.MapPost("/", Create).WithName("CreatePerson").WithSummary("Persoon aanmaken / Create a person");
        group.MapPut("/{id:guid}/roles", SetRoles).WithName("SetPersonRoles").WithSummary("Rollen van een persoon vastleggen / Set a person's roles");
        return group;
    }

    private static async Task<Ok<List<PersonView>>> List(VaultDbContext db, string? role, string? q, CancellationToken cancellationToken)
    {
        var query = db.People.AsNoTracking().Include(p => p.Roles).AsQueryable();
        if (!string.IsNullOrWhiteSpace(role))
        {
            query = query.Where(p => p.Roles.Any(r => r.Role == role));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            query = query.Where(p => p.DisplayName.ToLower().Contains(term) || (p.Email != null && p.Email.Contains(term)));
        }

        var people = await query.OrderBy(p => p.DisplayName).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(people.Select(PersonView.From).ToList());
    }

    private static async Task<Results<Ok<PersonView>, ProblemHttpResult>> Get(Guid id, VaultDbContext db, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Include(p => p.Roles).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return person is null ? VaultProblems.NotFoundProblem() : TypedResults.Ok(PersonView.From(person));
    }

    private static async Task<Results<Created<PersonView>, ValidationProblem>> Create(
        CreatePersonRequest request, VaultDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(request.DisplayName) && request.DisplayName.Length <= 200, "displayName", Text.T("Een naam van hoogstens 200 tekens is verplicht.", "A name of at most 200 characters is required."))
            .Require(request.Email is null || (request.Email.Contains('@', StringComparison.Ordinal) && request.Email.Length <= 320), "email", Text.T("Geen geldig e-mailadres.", "Not a valid e-mail address."));
        var email = request.Email?.Trim().ToLowerInvariant();
        if (email is not null && await db.People.AnyAsync(p => p.Email == email, cancellationToken))
        {
            errors.Add("email", Text.T("Er is al een persoon met dit e-mailadres.", "A person with this e-mail address exists already."));
        }

        if (request.EntraObjectId is not null && await db.People.AnyAsync(p => p.EntraObjectId == request.EntraObjectId && p.EntraTenantId == request.EntraTenantId, cancellationToken))
        {
            errors.Add("entraObjectId", Text.T("Dit Entra ID-account is al gekoppeld aan een persoon.", "This Entra ID account is already linked to a person."));
        }

        await ValidateRolesAsync(request.Roles ?? [], db, errors, cancellationToken);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var person = new Person
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            DisplayName = request.DisplayName.Trim(),
            Email = email,
            EntraObjectId = request.EntraObjectId,
            EntraTenantId = request.EntraTenantId?.ToLowerInvariant(),
            CreatedAt = time.GetUtcNow(),
            Roles = [.. (request.Roles ?? []).Distinct().Select(r => new RoleAssignment { Id = Guid.NewGuid(), Role = r.Role, OpleidingsschoolId = r.OpleidingsschoolId, SchoolLocationId = r.SchoolLocationId })],
        };
        db.People.Add(person);
        audit.Record(new AuditEvent(AuditActions.PersonCreated, "person", person.Id.ToString()) { Details = new { roles = person.Roles.Select(r => r.Role) } });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/people/{person.Id}", PersonView.From(person));
    }

    private static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> SetRoles(
        Guid id, SetRolesRequest request, VaultDbContext db, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var person = await db.People.Include(p => p.Roles).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        if (person.Version != request.Version)
        {
            return VaultProblems.Problem(VaultProblems.Concurrency);
        }

        var errors = new ValidationErrors();
        await ValidateRolesAsync(request.Roles, db, errors, cancellationToken);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var before = person.Roles.Select(RoleAssignmentView.From).ToList();
        db.RoleAssignments.RemoveRange(person.Roles);
        db.RoleAssignments.AddRange(request.Roles.Distinct().Select(r => new RoleAssignment { Id = Guid.NewGuid(), PersonId = person.Id, Role = r.Role, OpleidingsschoolId = r.OpleidingsschoolId, SchoolLocationId = r.SchoolLocationId }));
        db.Entry(person).State = EntityState.Modified;
        audit.Record(new AuditEvent(AuditActions.PersonRolesChanged, "person", person.Id.ToString()) { Details = new { before, after = request.Roles } });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PersonView.From(person));
    }

    private static async Task ValidateRolesAsync(IReadOnlyList<RoleAssignmentView> roles, VaultDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        for (var i = 0; i < roles.Count; i++)
        {
            var r = roles[i];
            var field = $"roles[{i}]";
            if (!VaultRoles.IsKnown(r.Role))
            {
                errors.Add(field, Text.T($"Onbekende rol '{r.Role}'.", $"Unknown role '{r.Role}'."));
                continue;
            }

            if (r.OpleidingsschoolId is { } school && !await db.Opleidingsscholen.AnyAsync(o => o.Id == school, cancellationToken))
            {
                errors.Add(field, Text.T("Onbekende opleidingsschool.", "Unknown opleidingsschool."));
            }

            if (r.SchoolLocationId is { } location && !await db.SchoolLocations.AnyAsync(l => l.Id == location, cancellationToken))
            {
                errors.Add(field, Text.T("Onbekende schoollocatie.", "Unknown schoollocatie."));
            }

            if (r.Role == VaultRoles.ConsentAdministrator && r.SchoolLocationId is null)
            {
                errors.Add(field, Text.T("Een toestemmingsbeheerder hoort bij een schoollocatie.", "A consent administrator belongs to a schoollocatie."));
            }

            if (r.Role is VaultRoles.Werkplekbegeleider or VaultRoles.Schoolopleider && r.SchoolLocationId is null && r.OpleidingsschoolId is null)
            {
                errors.Add(field, Text.T("Een WPB of SO hoort bij een opleidingsschool of schoollocatie.", "A WPB or SO belongs to an opleidingsschool or schoollocatie."));
            }
        }
    }
}
