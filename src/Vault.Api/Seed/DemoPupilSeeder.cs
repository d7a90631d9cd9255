using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Consent.Registry;
using Vault.Shared.Time;

namespace Vault.Api.Seed;

/// <summary>
/// Development demo pupils: a havo-4 class at Maaslandcollege and a groep 7 at Haagse Stadsschool, with a realistic
/// mix of consent (given, image refused, missing, a pupil of 16 who decided themselves, one turning 16 this school
/// year) so that the consent administrator's and the students' pages are meaningful. Idempotent per school.
/// </summary>
internal sealed class DemoPupilSeeder(VaultDbContext db, SchoolCalendar calendar)
{
    /// <summary>How a demo pupil's consent stands: Ja = given by a parent; BeeldNee = image refused, sound given; Geen = nothing recorded; Zelf = the pupil (16+) gave it.</summary>
    private enum Demo { Ja, BeeldNee, Geen, Zelf }

    private static readonly (string Name, int AgeAtYearStart, int Month, Demo Consent)[] Maasland =
    [
        ("Amira Bouzid", 15, 3, Demo.Ja), ("Bram de Jong", 15, 9, Demo.Ja), ("Chloë Verbeek", 15, 11, Demo.BeeldNee),
        ("Dewi Santoso", 15, 6, Demo.Ja), ("Emre Yıldız", 16, 5, Demo.Zelf), ("Fleur van den Berg", 15, 12, Demo.Ja),
        ("Gijs Hoekstra", 15, 10, Demo.Geen), ("Hiba El Amrani", 15, 2, Demo.Ja), ("Ilse Meijer", 15, 8, Demo.Ja),
        ("Jayden Martina", 15, 4, Demo.Geen), ("Kim Nguyen", 15, 1, Demo.Ja), ("Lars Vos", 16, 7, Demo.Ja),
        ("Mila Dekker", 15, 10, Demo.BeeldNee), ("Noah Pinas", 15, 9, Demo.Ja), ("Olivia Brouwer", 15, 11, Demo.Ja),
        ("Pim Kuipers", 15, 12, Demo.Ja), ("Rania Haddou", 15, 8, Demo.Geen), ("Sem Willems", 15, 10, Demo.Ja),
        ("Tess van Leeuwen", 15, 9, Demo.Ja), ("Yara Doğan", 15, 11, Demo.Ja),
    ];

    private static readonly (string Name, int AgeAtYearStart, int Month, Demo Consent)[] Haagse =
    [
        ("Aya Bennani", 10, 3, Demo.Ja), ("Boaz Smits", 10, 9, Demo.Ja), ("Céline Autar", 10, 11, Demo.BeeldNee),
        ("Daniël Kramer", 10, 6, Demo.Ja), ("Elif Kaya", 10, 5, Demo.Geen), ("Finn de Graaf", 10, 12, Demo.Ja),
        ("Hamza Ouali", 10, 10, Demo.Ja), ("Isa Jacobs", 10, 2, Demo.Ja), ("Julia Ramdin", 10, 8, Demo.Geen),
        ("Luuk Bos", 10, 4, Demo.Ja), ("Maryam Saleh", 10, 1, Demo.Ja), ("Niels Postma", 10, 7, Demo.Ja),
        ("Roos Timmer", 10, 10, Demo.Ja), ("Sami Gharbi", 10, 9, Demo.BeeldNee), ("Zoë Koster", 10, 11, Demo.Ja),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var year = calendar.CurrentSchoolYear;
        await SeedClassAsync(DemoSeeder.RotterdamLocation, 1, "4H2", "MLC", Maasland, year, cancellationToken);
        await SeedClassAsync(DemoSeeder.HaagseLocation, 2, "Groep 7b", "HSS", Haagse, year, cancellationToken);
    }

    private async Task SeedClassAsync(
        Guid location, int school, string groupName, string prefix, (string Name, int AgeAtYearStart, int Month, Demo Consent)[] pupils, SchoolYear year, CancellationToken cancellationToken)
    {
        if (await db.Pupils.AnyAsync(p => p.SchoolLocationId == location, cancellationToken))
        {
            return;
        }

        var now = calendar.Now;
        var today = calendar.Today;
        var informed = Min(year.FirstDay.AddDays(20), today);
        var given = Min(year.FirstDay.AddDays(30), today);
        var group = new Group { Id = new Guid($"5c0a4000-0000-4000-8000-{school:D12}"), SchoolLocationId = location, SchoolYear = year.StartYear, Name = groupName, CreatedAt = now };
        db.Groups.Add(group);
        for (var i = 0; i < pupils.Length; i++)
        {
            var (name, age, month, consent) = pupils[i];

            // Born in the month given, so that the age on the first school day is as given: one pupil turns 16 this school year.
            var birthYear = month >= 8 ? year.StartYear - age - 1 : year.StartYear - age;
            var pupil = new Pupil
            {
                Id = new Guid($"5c0a5000-0000-4000-8{school:D3}-{i + 1:D12}"),
                SchoolLocationId = location,
                PupilNumber = $"{prefix}{year.StartYear % 100:D2}{i + 1:D3}",
                Name = name,
                BirthDate = new DateOnly(birthYear, month, 10 + (i % 15)),
                CreatedAt = now,
            };
            db.Pupils.Add(pupil);
            db.GroupMemberships.Add(new GroupMembership { Id = Guid.NewGuid(), GroupId = group.Id, PupilId = pupil.Id, From = year.FirstDay });
            if (consent != Demo.Geen)
            {
                db.ConsentRecords.Add(new ConsentRecord
                {
                    Id = Guid.CreateVersion7(now),
                    PupilId = pupil.Id,
                    SchoolLocationId = location,
                    SchoolYear = year.StartYear,
                    Kind = ConsentRecordKind.Besluit,
                    Beeld = consent == Demo.BeeldNee ? MediumDecision.Geweigerd : MediumDecision.Gegeven,
                    Geluid = MediumDecision.Gegeven,
                    GivenBy = consent == Demo.Zelf ? ConsentGiver.Leerling : ConsentGiver.Ouder,
                    GivenOn = given,
                    InformedOn = informed,
                    Method = ConsentMethod.PapierenFormulier,
                    RecordedAt = now,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
