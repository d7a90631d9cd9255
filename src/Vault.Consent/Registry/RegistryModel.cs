using Vault.Shared.Data;

namespace Vault.Consent.Registry;

/// <summary>
/// A pupil of a schoollocatie, with only what the vault needs (R3): the school's own pupil number, the name the
/// student teacher knows, and the date of birth (to decide under/over 16 on the recording day).
/// </summary>
public sealed class Pupil
{
    public Guid Id { get; set; }

    public Guid SchoolLocationId { get; set; }

    /// <summary>The school's own pupil number (leerlingnummer), unique within the schoollocatie.</summary>
    public required string PupilNumber { get; set; }

    public required string Name { get; set; }

    public DateOnly BirthDate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A group (klas) of a schoollocatie in one school year.</summary>
public sealed class Group
{
    public Guid Id { get; set; }

    public Guid SchoolLocationId { get; set; }

    /// <summary>The school year by the calendar year it starts in (2026 = 2026-2027).</summary>
    public int SchoolYear { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A pupil's membership of a group, from a day until (inclusive) a day; open while <see cref="Until"/> is null.</summary>
public sealed class GroupMembership : IInsertedInBulk
{
    public Guid Id { get; set; }

    public Guid GroupId { get; set; }

    public Guid PupilId { get; set; }

    public DateOnly From { get; set; }

    public DateOnly? Until { get; set; }

    public bool CoversDay(DateOnly day) => From <= day && (Until is null || Until >= day);
}

/// <summary>A decision for one medium (R4: consent can differ for image and for sound).</summary>
public enum MediumDecision
{
    Geweigerd = 0,
    Gegeven = 1,
}

/// <summary>Who gave (or refused, or withdrew) the consent.</summary>
public enum ConsentGiver
{
    /// <summary>A parent or guardian (ouder/verzorger).</summary>
    Ouder = 0,

    /// <summary>The pupil, only when 16 or older on the day given (R3/R4).</summary>
    Leerling = 1,
}

/// <summary>How the consent was obtained.</summary>
public enum ConsentMethod
{
    PapierenFormulier = 0,
    DigitaalFormulier = 1,
    Geimporteerd = 2,
}

public enum ConsentRecordKind
{
    /// <summary>Consent given or refused (also a later change).</summary>
    Besluit = 0,

    /// <summary>A withdrawal: effective immediately, for the media it names.</summary>
    Intrekking = 1,
}

/// <summary>
/// One consent record: append-only. A change or a withdrawal is a new record; history is never overwritten, and
/// the record in force on a date is the latest one given on or before that date (see <see cref="ConsentResolver"/>).
/// </summary>
public sealed class ConsentRecord : IInsertedInBulk
{
    public Guid Id { get; set; }

    public Guid PupilId { get; set; }

    /// <summary>Denormalised from the pupil: scoping and the per-group queries need no join.</summary>
    public Guid SchoolLocationId { get; set; }

    public int SchoolYear { get; set; }

    public ConsentRecordKind Kind { get; set; }

    public MediumDecision Beeld { get; set; }

    public MediumDecision Geluid { get; set; }

    public ConsentGiver GivenBy { get; set; }

    /// <summary>The day the consent was given (or withdrawn); it is in force from this day.</summary>
    public DateOnly GivenOn { get; set; }

    /// <summary>R3 "vooraf geïnformeerd": the day parents/pupil were told the purpose and use.</summary>
    public DateOnly InformedOn { get; set; }

    public ConsentMethod Method { get; set; }

    public Guid? EnteredByPersonId { get; set; }

    /// <summary>When the record was entered: orders records given on the same day.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The import that produced the record, if any.</summary>
    public Guid? ImportId { get; set; }
}
