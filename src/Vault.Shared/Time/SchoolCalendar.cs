namespace Vault.Shared.Time;

/// <summary>
/// Dates of the domain: the Netherlands' civil calendar (Europe/Amsterdam), school years that run
/// 1 August – 31 July, and ages on a given day (R3: age counts on the day of recording).
/// </summary>
public sealed class SchoolCalendar(TimeProvider time)
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Today's date in Amsterdam.</summary>
    public DateOnly Today => DateOnly.FromDateTime(ToAmsterdam(Time.GetUtcNow()).DateTime);

    public SchoolYear CurrentSchoolYear => SchoolYear.Containing(Today);

    public static DateTimeOffset ToAmsterdam(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Amsterdam);

    /// <summary>The Amsterdam calendar date of an instant (a recording at 23:30 on 31 July is still 31 July).</summary>
    public static DateOnly DateInAmsterdam(DateTimeOffset instant) => DateOnly.FromDateTime(ToAmsterdam(instant).DateTime);

    /// <summary>The instant that Amsterdam's local date and time denote.</summary>
    public static DateTimeOffset FromAmsterdam(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
    }

    /// <summary>Age in whole years on <paramref name="day"/>; a birthday on 29 February counts on 1 March in other years.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        var birthdayThisYear = birthDate.Month == 2 && birthDate.Day == 29 && !DateTime.IsLeapYear(day.Year)
            ? new DateOnly(day.Year, 3, 1)
            : new DateOnly(day.Year, birthDate.Month, birthDate.Day);
        return day < birthdayThisYear ? age - 1 : age;
    }
}

/// <summary>A school year, named by the calendar year it starts in: 2026 is 1 August 2026 – 31 July 2027.</summary>
public readonly record struct SchoolYear(int StartYear) : IComparable<SchoolYear>
{
    public DateOnly FirstDay => new(StartYear, 8, 1);

    public DateOnly LastDay => new(StartYear + 1, 7, 31);

    public static SchoolYear Containing(DateOnly day) => new(day.Month >= 8 ? day.Year : day.Year - 1);

    public bool Contains(DateOnly day) => day >= FirstDay && day <= LastDay;

    public SchoolYear Next => new(StartYear + 1);

    public int CompareTo(SchoolYear other) => StartYear.CompareTo(other.StartYear);

    public override string ToString() => $"{StartYear}-{StartYear + 1}";

    public static bool TryParse(string? text, out SchoolYear year)
    {
        year = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split('-', '/');
        if (parts.Length == 2 && int.TryParse(parts[0], out var start) && int.TryParse(parts[1], out var end)
            && end == start + 1 && start is > 2000 and < 2200)
        {
            year = new SchoolYear(start);
            return true;
        }

        if (parts.Length == 1 && int.TryParse(parts[0], out var only) && only is > 2000 and < 2200)
        {
            year = new SchoolYear(only);
            return true;
        }

        return false;
    }

    public static bool operator <(SchoolYear left, SchoolYear right) => left.CompareTo(right) < 0;

    public static bool operator >(SchoolYear left, SchoolYear right) => left.CompareTo(right) > 0;

    public static bool operator <=(SchoolYear left, SchoolYear right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SchoolYear left, SchoolYear right) => left.CompareTo(right) >= 0;
}
