using Vault.Api.Data;

namespace Vault.Api.Organisations;

/// <summary>A partnership of school boards with the Instituut (e.g. OSH, RPO).</summary>
public sealed class Opleidingsschool : IVersioned
{
    public Guid Id { get; set; }

    /// <summary>The short name the agreement uses: OSR, RPO, AOS-WB, ZAOS, OSH, NOD, HOS, 4OLS, ...</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>OSH, NOD, 4OLS and HOS: the closed-environment rules of Art. 10.2 (R8–R12) apply.</summary>
    public bool IsHaagse { get; set; }

    /// <summary>R6: this opleidingsschool's own arrangements, as data.</summary>
    public PolicySettings Policy { get; set; } = new();

    public List<SchoolLocation> Locations { get; set; } = [];

    public Guid Version { get; set; }
}

/// <summary>R6: per-opleidingsschool settings that the upload gate and retention read.</summary>
public sealed class PolicySettings
{
    /// <summary>R8–R12: the Haagse closed-environment module applies to this opleidingsschool.</summary>
    public bool ClosedEnvironmentRules { get; set; }

    /// <summary>R8: recordings required per placement period (0 = none required).</summary>
    public int RequiredRecordingsPerPlacement { get; set; }

    /// <summary>R5: when image is refused for some pupils but sound is allowed for all, offer sound-only.</summary>
    public bool OfferSoundOnlyFallback { get; set; } = true;

    /// <summary>R4/R7: days within which a recording affected by a withdrawn consent is redacted or destroyed.</summary>
    public int WithdrawalReviewDays { get; set; } = 14;
}

/// <summary>One school of an opleidingsschool where placements happen (a stageschool).</summary>
public sealed class SchoolLocation : IVersioned
{
    public Guid Id { get; set; }

    public Guid OpleidingsschoolId { get; set; }

    public Opleidingsschool? Opleidingsschool { get; set; }

    public required string Name { get; set; }

    /// <summary>The school's BRIN/vestigingscode, when known.</summary>
    public string? BrinCode { get; set; }

    public string? City { get; set; }

    public Guid Version { get; set; }
}
