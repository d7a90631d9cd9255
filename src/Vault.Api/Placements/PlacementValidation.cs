using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Placements;

internal static class PlacementValidation
{
    public static async Task<ValidationErrors> ValidateAsync(CreatePlacementRequest request, VaultDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(request.Kind))
        {
            errors.Add("kind", Text.T("Onbekende soort plaatsing.", "Unknown placement kind."));
        }

        if (request.EndDate < request.StartDate)
        {
            errors.Add("endDate", Text.T("De einddatum ligt vóór de begindatum.", "The end date is before the start date."));
        }
        else if (request.EndDate.DayNumber - request.StartDate.DayNumber > 3 * 366)
        {
            errors.Add("endDate", Text.T("Een plaatsing duurt hoogstens drie jaar.", "A placement lasts at most three years."));
        }

        if (!await db.SchoolLocations.AnyAsync(l => l.Id == request.SchoolLocationId, cancellationToken))
        {
            errors.Add("schoolLocationId", Text.T("Onbekende schoollocatie.", "Unknown schoollocatie."));
        }

        if (!await HasRoleAsync(db, request.StudentId, VaultRoles.Student, cancellationToken))
        {
            errors.Add("studentId", Text.T("Deze persoon is geen bekende student.", "This person is not a known student."));
        }
        else if (request.EndDate >= request.StartDate && await db.Placements.AnyAsync(
            p => p.StudentId == request.StudentId && p.StartDate <= request.EndDate && (p.EndedOn ?? p.EndDate) >= request.StartDate, cancellationToken))
        {
            errors.Add("startDate", Text.T("De student heeft al een plaatsing die deze periode overlapt.", "The student already has a placement that overlaps this period."));
        }

        if (request.Kind == PlacementKind.WerkendLeren && string.IsNullOrWhiteSpace(request.Employer))
        {
            errors.Add("employer", Text.T("Bij werkend leren is de werkgever verplicht.", "Werkend leren requires the employer."));
        }

        var coaches = request.Coaches ?? [];
        foreach (var duplicate in coaches.GroupBy(c => c.Role).Where(g => g.Count() > 1))
        {
            errors.Add("coaches", Text.T($"De rol {duplicate.Key} komt meer dan eens voor.", $"The role {duplicate.Key} occurs more than once."));
        }

        CoachRole[] required = request.Kind == PlacementKind.WerkendLeren
            ? [CoachRole.Instituutsopleider, CoachRole.Werkbegeleider]
            : [CoachRole.Instituutsopleider, CoachRole.Werkplekbegeleider];
        foreach (var role in required.Where(r => coaches.All(c => c.Role != r)))
        {
            errors.Add("coaches", Text.T($"De rol {role} is verplicht voor deze soort plaatsing.", $"The role {role} is required for this kind of placement."));
        }

        for (var i = 0; i < coaches.Count; i++)
        {
            await ValidateCoachAsync(coaches[i], request.Kind, request.StudentId, db, errors, $"coaches[{i}]", cancellationToken);
        }

        return errors;
    }

    public static async Task ValidateCoachAsync(CoachAssignment coach, PlacementKind kind, Guid studentId, VaultDbContext db, ValidationErrors errors, string field, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(coach.Role))
        {
            errors.Add(field, Text.T("Onbekende begeleidersrol.", "Unknown coach role."));
            return;
        }

        if (coach.PersonId == studentId)
        {
            errors.Add(field, Text.T("De student kan niet zijn eigen begeleider zijn.", "The student cannot coach themselves."));
            return;
        }

        var allowed = coach.Role switch
        {
            CoachRole.Werkplekbegeleider or CoachRole.Schoolopleider when kind == PlacementKind.WerkendLeren => false,
            CoachRole.Werkbegeleider or CoachRole.ContactpersoonWerkgever or CoachRole.ContactpersoonInstituut when kind == PlacementKind.Werkplekleren => false,
            _ => true,
        };
        if (!allowed)
        {
            errors.Add(field, Text.T($"De rol {coach.Role} hoort niet bij {kind}.", $"The role {coach.Role} does not belong to {kind}."));
            return;
        }

        var appRole = coach.Role switch
        {
            CoachRole.Instituutsopleider or CoachRole.ContactpersoonInstituut => VaultRoles.Instituutsopleider,
            CoachRole.Werkplekbegeleider => VaultRoles.Werkplekbegeleider,
            CoachRole.Schoolopleider => VaultRoles.Schoolopleider,
            _ => VaultRoles.Werkbegeleider,
        };
        if (!await HasRoleAsync(db, coach.PersonId, appRole, cancellationToken))
        {
            errors.Add(field, Text.T($"Deze persoon heeft de rol {appRole} niet.", $"This person does not hold the role {appRole}."));
        }
    }

    private static Task<bool> HasRoleAsync(VaultDbContext db, Guid personId, string role, CancellationToken cancellationToken) =>
        db.RoleAssignments.AnyAsync(r => r.PersonId == personId && r.Role == role, cancellationToken);
}
