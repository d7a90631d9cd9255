using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Shared.Auditing;
using Vault.Shared.Problems;

namespace Vault.Api.Organisations;

/// <summary>Changes to opleidingsscholen: schoollocaties and per-school policy settings (R6). Shared by API and pages.</summary>
public sealed class OrganisationCommands(VaultDbContext db, IAuditTrail audit, TimeProvider time)
{
    public async Task<CommandResult<SchoolLocationView>> AddLocationAsync(Guid id, CreateSchoolLocationRequest request, CancellationToken cancellationToken)
    {
        if (!await db.Opleidingsscholen.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return CommandResult<SchoolLocationView>.Fail(VaultProblems.NotFound);
        }

        var name = request.Name?.Trim() ?? "";
        var errors = new ValidationErrors()
            .Require(name.Length is > 0 and <= 200, "name", Text.T("Een naam van hoogstens 200 tekens is verplicht.", "A name of at most 200 characters is required."))
            .Require(request.BrinCode is null || request.BrinCode.Length <= 16, "brinCode", Text.T("De BRIN-code is te lang.", "The BRIN code is too long."))
            .Require(request.City is null || request.City.Length <= 100, "city", Text.T("De plaatsnaam is te lang.", "The city is too long."));
        if (errors.IsValid && await db.SchoolLocations.AnyAsync(l => l.OpleidingsschoolId == id && l.Name == name, cancellationToken))
        {
            errors.Add("name", Text.T("Deze opleidingsschool heeft al een schoollocatie met deze naam.", "This opleidingsschool already has a school of this name."));
        }

        if (!errors.IsValid)
        {
            return CommandResult<SchoolLocationView>.Invalid(errors);
        }

        var location = new SchoolLocation { Id = Guid.CreateVersion7(time.GetUtcNow()), OpleidingsschoolId = id, Name = name, BrinCode = request.BrinCode?.Trim(), City = request.City?.Trim() };
        db.SchoolLocations.Add(location);
        audit.Record(new AuditEvent(AuditActions.OrganisationChanged, "schoollocatie", location.Id.ToString()) { OpleidingsschoolId = id, SchoolLocationId = location.Id, Details = new { location.Name } });
        await db.SaveChangesAsync(cancellationToken);
        return new SchoolLocationView(location.Id, location.Name, location.BrinCode, location.City);
    }

    public async Task<CommandResult<OpleidingsschoolView>> UpdatePolicyAsync(Guid id, UpdatePolicyRequest request, CancellationToken cancellationToken)
    {
        var school = await db.Opleidingsscholen.Include(o => o.Locations).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (school is null)
        {
            return CommandResult<OpleidingsschoolView>.Fail(VaultProblems.NotFound);
        }

        if (school.Version != request.Version)
        {
            return CommandResult<OpleidingsschoolView>.Fail(VaultProblems.Concurrency);
        }

        var errors = new ValidationErrors()
            .Require(request.RequiredRecordingsPerPlacement is >= 0 and <= 50, "requiredRecordingsPerPlacement", Text.T("Kies 0 tot en met 50.", "Choose 0 to 50."))
            .Require(request.WithdrawalReviewDays is >= 1 and <= 90, "withdrawalReviewDays", Text.T("Kies 1 tot en met 90 dagen.", "Choose 1 to 90 days."))
            .Require(!school.IsHaagse || request.ClosedEnvironmentRules, "closedEnvironmentRules", Text.T("Voor een Haagse opleidingsschool gelden de regels van de gesloten omgeving altijd (Art. 10.2).", "The closed-environment rules always apply to a Haagse opleidingsschool (Art. 10.2)."));
        if (!errors.IsValid)
        {
            return CommandResult<OpleidingsschoolView>.Invalid(errors);
        }

        var before = new { school.Policy.ClosedEnvironmentRules, school.Policy.RequiredRecordingsPerPlacement, school.Policy.OfferSoundOnlyFallback, school.Policy.WithdrawalReviewDays };
        school.Policy.ClosedEnvironmentRules = request.ClosedEnvironmentRules;
        school.Policy.RequiredRecordingsPerPlacement = request.RequiredRecordingsPerPlacement;
        school.Policy.OfferSoundOnlyFallback = request.OfferSoundOnlyFallback;
        school.Policy.WithdrawalReviewDays = request.WithdrawalReviewDays;
        db.Entry(school).State = EntityState.Modified;
        audit.Record(new AuditEvent(AuditActions.PolicyChanged, "opleidingsschool", school.Id.ToString()) { OpleidingsschoolId = school.Id, Details = new { before, after = request } });
        await db.SaveChangesAsync(cancellationToken);
        return OrganisationEndpoints.ToView(school);
    }
}
