namespace Vault.Api.Agreements;

public enum AgreementKind
{
    /// <summary>Samen Opleiden: Raamovereenkomst Werkplekleren (18 June 2021).</summary>
    Raamovereenkomst = 0,

    /// <summary>Werkend leren: the tripartite agreement of student-werknemer, hogeschool and werkgever.</summary>
    Driepartijenovereenkomst = 1,

    /// <summary>Haagse opleidingsscholen: regulation 'Beeld- en Geluidsopnames' with its privacy statement (R12).</summary>
    RegelingBeeldEnGeluid = 2,
}

/// <summary>Who gives an akkoord: the student always; for werkend leren also the hogeschool and the employer.</summary>
public enum AgreementParty
{
    Student = 0,
    Hogeschool = 1,
    Werkgever = 2,
}

public enum AcceptanceMethod
{
    /// <summary>Given personally and digitally in the vault by the signed-in person.</summary>
    DigitaalInKluis = 0,

    /// <summary>Recorded by an administrator from another digital procedure (with a reference).</summary>
    DigitaalElders = 1,
}

/// <summary>A version of an agreement text, identified by its SHA-256, in force from a date.</summary>
public sealed class AgreementVersion
{
    public Guid Id { get; set; }

    public AgreementKind Kind { get; set; }

    public required string VersionLabel { get; set; }

    public required string Title { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public required string TextSha256 { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>A party's recorded akkoord on an agreement version (R1, R12): who, which version, when, how.</summary>
public sealed class AgreementAcceptance
{
    public Guid Id { get; set; }

    public Guid AgreementVersionId { get; set; }

    public AgreementVersion? AgreementVersion { get; set; }

    /// <summary>The student the akkoord is about.</summary>
    public Guid StudentId { get; set; }

    /// <summary>For the tripartite agreement: the werkend-leren placement it covers.</summary>
    public Guid? PlacementId { get; set; }

    public AgreementParty Party { get; set; }

    /// <summary>The person who gave the akkoord (the student, or the hogeschool's/employer's signatory).</summary>
    public Guid AcceptedByPersonId { get; set; }

    public DateTimeOffset AcceptedAt { get; set; }

    public AcceptanceMethod Method { get; set; }

    /// <summary>The hash of the text that was shown, so the akkoord names exactly what was agreed to.</summary>
    public required string TextSha256 { get; set; }

    public string? Reference { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }
}
