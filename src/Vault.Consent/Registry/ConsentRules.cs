using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Consent.Registry;

/// <summary>The checks on pupils and consents shared by the API and the import: bad input is refused, nothing stored.</summary>
internal static class ConsentRules
{
    public static string? BirthDateProblem(DateOnly birthDate, DateOnly today)
    {
        if (birthDate > today)
        {
            return "De geboortedatum ligt in de toekomst. / The date of birth is in the future.";
        }

        var age = SchoolCalendar.AgeOn(birthDate, today);
        return age is < 2 or > 30
            ? $"De geboortedatum is niet aannemelijk voor een leerling (leeftijd {age}). / The date of birth is implausible for a pupil (age {age})."
            : null;
    }

    public static string? PupilNumberProblem(string? number) =>
        string.IsNullOrWhiteSpace(number) ? "Het leerlingnummer ontbreekt. / The pupil number is missing."
        : number.Trim().Length > 32 ? "Het leerlingnummer is langer dan 32 tekens. / The pupil number is longer than 32 characters."
        : null;

    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "De naam ontbreekt. / The name is missing."
        : name.Trim().Length > 200 ? "De naam is langer dan 200 tekens. / The name is longer than 200 characters."
        : null;

    /// <summary>R3/R4: who may decide, informed before deciding, and not in the future or outside the school year.</summary>
    public static void CheckConsent(ValidationErrors errors, string prefix, ConsentGiver givenBy, DateOnly givenOn, DateOnly informedOn, DateOnly birthDate, SchoolYear year, DateOnly today)
    {
        if (givenOn > today)
        {
            errors.Add(prefix + "givenOn", "De datum van de toestemming ligt in de toekomst. / The consent date is in the future.");
        }

        if (givenOn > year.LastDay || givenOn < year.FirstDay.AddMonths(-6))
        {
            errors.Add(prefix + "givenOn", $"De datum van de toestemming past niet bij schooljaar {year}. / The consent date does not fit school year {year}.");
        }

        if (informedOn > givenOn)
        {
            errors.Add(prefix + "informedOn", "De toestemming is gedateerd vóór de datum waarop ouders/leerling zijn geïnformeerd (R3: eerst informeren). / The consent is dated before the day parents/pupil were informed.");
        }

        if (givenBy == ConsentGiver.Leerling && SchoolCalendar.AgeOn(birthDate, givenOn) < 16)
        {
            errors.Add(prefix + "givenBy", "Een leerling jonger dan 16 kan zelf geen toestemming geven; dat doet een ouder of verzorger (R3). / A pupil under 16 cannot give consent; a parent or guardian does.");
        }
    }
}
