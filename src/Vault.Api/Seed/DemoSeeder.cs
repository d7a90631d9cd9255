using Microsoft.EntityFrameworkCore;
using Vault.Api.Agreements;
using Vault.Api.Data;
using Vault.Api.Organisations;
using Vault.Api.People;
using Vault.Api.Placements;
using Vault.Shared.Identity;
using Vault.Shared.Time;

namespace Vault.Api.Seed;

/// <summary>
/// Development demo data: two schools (one Haagse), students, coaches, a consent administrator and privacy
/// officers, so that a new user can click through every role with the persona picker. Idempotent.
/// </summary>
public sealed class DemoSeeder(VaultDbContext db, SchoolCalendar calendar)
{
    public const string Tenant = "00000000-0000-0000-0000-00000000de70";

    /// <summary>A demo person: <see cref="Description"/> in Dutch, <see cref="DescriptionEn"/> in English.</summary>
    public sealed record Persona(Guid Id, string Slug, string Name, string Description, string DescriptionEn, string[] Roles);

    public static readonly Guid RotterdamLocation = new("5c0a1000-0000-4000-8000-000000000001");
    public static readonly Guid HaagseLocation = new("5c0a1000-0000-4000-8000-000000000002");

    public static readonly IReadOnlyList<Persona> Personas =
    [
        P(1, "sanne", "Sanne de Vries", "Student, werkplekleren bij Maaslandcollege (OSR)", "Student, workplace learning at Maaslandcollege (OSR)", VaultRoles.Student),
        P(2, "daan", "Daan Jansen", "Student, werkplekleren bij Haagse Stadsschool (OSH, Haagse regels)", "Student, workplace learning at Haagse Stadsschool (OSH, Haagse rules)", VaultRoles.Student),
        P(3, "youssef", "Youssef Amrani", "Student-werknemer, werkend leren bij Maaslandcollege", "Student employee, work-based learning at Maaslandcollege", VaultRoles.Student),
        P(4, "fatima", "Fatima El Idrissi", "Instituutsopleider (IO) van Sanne, Daan en Youssef", "Institute teacher educator (IO) of Sanne, Daan and Youssef", VaultRoles.Instituutsopleider),
        P(5, "pieter", "Pieter Bakker", "Werkplekbegeleider (WPB) bij Maaslandcollege", "Workplace coach (WPB) at Maaslandcollege", VaultRoles.Werkplekbegeleider),
        P(6, "noor", "Noor Visser", "Werkplekbegeleider (WPB) bij Haagse Stadsschool", "Workplace coach (WPB) at Haagse Stadsschool", VaultRoles.Werkplekbegeleider),
        P(7, "ellen", "Ellen Smit", "Schoolopleider (SO) bij OSR", "School teacher educator (SO) at OSR", VaultRoles.Schoolopleider),
        P(8, "kees", "Kees de Boer", "Werkbegeleider van Youssef (werkend leren)", "Work supervisor of Youssef (work-based learning)", VaultRoles.Werkbegeleider),
        P(9, "karin", "Karin Mulder", "Toestemmingsbeheerder van Maaslandcollege", "Consent administrator of Maaslandcollege", VaultRoles.ConsentAdministrator),
        P(10, "hanna", "Hanna Peeters", "Toestemmingsbeheerder van Haagse Stadsschool", "Consent administrator of Haagse Stadsschool", VaultRoles.ConsentAdministrator),
        P(11, "joris", "Joris van Dijk", "Privacy officer (FG) van OSR", "Privacy officer (DPO) of OSR", VaultRoles.PrivacyOfficer),
        P(12, "marloes", "Marloes Kok", "Privacy officer (FG) van het Instituut", "Privacy officer (DPO) of the Institute", VaultRoles.PrivacyOfficer),
        P(13, "admin", "Ahmed Yilmaz", "Beheerder van het Instituut", "Institute administrator", VaultRoles.InstituteAdministrator),
    ];

    public static string ObjectId(Persona persona) => $"dev-{persona.Slug}";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.People.AnyAsync(p => p.EntraTenantId == Tenant, cancellationToken))
        {
            await new DemoPupilSeeder(db, calendar).SeedAsync(cancellationToken);
            return;
        }

        var osr = OpleidingsschoolSeed.ByCode("OSR").Id;
        var osh = OpleidingsschoolSeed.ByCode("OSH").Id;
        db.SchoolLocations.AddRange(
            new SchoolLocation { Id = RotterdamLocation, OpleidingsschoolId = osr, Name = "Maaslandcollege", City = "Rotterdam" },
            new SchoolLocation { Id = HaagseLocation, OpleidingsschoolId = osh, Name = "Haagse Stadsschool", City = "Den Haag" });

        var now = calendar.Now;
        foreach (var persona in Personas)
        {
            var person = new Person
            {
                Id = persona.Id,
                DisplayName = persona.Name,
                Email = $"{persona.Slug}@demo.mediavault.invalid",
                EntraObjectId = ObjectId(persona),
                EntraTenantId = Tenant,
                CreatedAt = now,
            };
            foreach (var role in persona.Roles)
            {
                person.Roles.Add(new RoleAssignment { Id = Guid.NewGuid(), Role = role, SchoolLocationId = LocationOf(persona.Slug), OpleidingsschoolId = SchoolOf(persona.Slug, osr) });
            }

            db.People.Add(person);
        }

        var today = calendar.Today;
        var schoolYear = SchoolYear.Containing(today);
        db.Placements.AddRange(
            Placement(10, "sanne", RotterdamLocation, PlacementKind.Werkplekleren, schoolYear, now, ("fatima", CoachRole.Instituutsopleider), ("pieter", CoachRole.Werkplekbegeleider), ("ellen", CoachRole.Schoolopleider)),
            Placement(11, "daan", HaagseLocation, PlacementKind.Werkplekleren, schoolYear, now, ("fatima", CoachRole.Instituutsopleider), ("noor", CoachRole.Werkplekbegeleider)),
            Placement(12, "youssef", RotterdamLocation, PlacementKind.WerkendLeren, schoolYear, now, ("fatima", CoachRole.Instituutsopleider), ("kees", CoachRole.Werkbegeleider)));
        await db.SaveChangesAsync(cancellationToken);

        // Sanne has accepted the Raamovereenkomst; Daan and Youssef have not yet, so their journeys show R1/R12.
        var raam = await db.AgreementVersions.FirstAsync(a => a.Kind == AgreementKind.Raamovereenkomst, cancellationToken);
        db.AgreementAcceptances.Add(new AgreementAcceptance
        {
            Id = Guid.NewGuid(),
            AgreementVersionId = raam.Id,
            StudentId = Id("sanne"),
            Party = AgreementParty.Student,
            AcceptedByPersonId = Id("sanne"),
            AcceptedAt = now,
            Method = AcceptanceMethod.DigitaalInKluis,
            TextSha256 = raam.TextSha256,
        });
        await db.SaveChangesAsync(cancellationToken);
        await new DemoPupilSeeder(db, calendar).SeedAsync(cancellationToken);
    }

    private static Guid? LocationOf(string slug) => slug switch
    {
        "pieter" or "karin" => RotterdamLocation,
        "noor" or "hanna" => HaagseLocation,
        _ => null,
    };

    private static Guid? SchoolOf(string slug, Guid osr) => slug is "ellen" or "joris" ? osr : null;

    private static Guid Id(string slug) => Personas.Single(p => p.Slug == slug).Id;

    private static Placement Placement(int n, string student, Guid location, PlacementKind kind, SchoolYear year, DateTimeOffset now, params (string Slug, CoachRole Role)[] coaches) => new()
    {
        Id = new Guid($"5c0a2000-0000-4000-8000-{n:D12}"),
        StudentId = Id(student),
        SchoolLocationId = location,
        Kind = kind,
        StartDate = year.FirstDay.AddDays(31),
        EndDate = year.LastDay.AddDays(-31),
        Employer = kind == PlacementKind.WerkendLeren ? "Stichting Maaslandcollege" : null,
        CreatedAt = now,
        Coaches = [.. coaches.Select(c => new PlacementCoach { Id = Guid.NewGuid(), Role = c.Role, PersonId = Id(c.Slug), AssignedAt = now })],
    };

    private static Persona P(int n, string slug, string name, string description, string descriptionEn, params string[] roles) =>
        new(new Guid($"5c0a3000-0000-4000-8000-{n:D12}"), slug, name, description, descriptionEn, roles);
}
