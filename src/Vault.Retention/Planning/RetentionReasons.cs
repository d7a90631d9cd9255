using Vault.Shared.Problems;

namespace Vault.Retention.Planning;

/// <summary>Stable reason codes for what goes and what stays, with the rule they come from.</summary>
public static class RetentionReasons
{
    // Why a recording is destroyed.
    public const string AssessmentDone = "R7-assessment-done";
    public const string PlacementEndedAssessed = "R13-placement-ended-assessed";
    public const string ConsentWithdrawn = "R4-consent-withdrawn";
    public const string StudentDeletion = "student-deletion";
    public const string AbandonedUpload = "abandoned-upload";
    public const string ErasureRequest = "avg17-erasure-request";

    // Why a recording is not destroyed.
    public const string LegalHold = "R17-legal-hold";
    public const string AssessmentPending = "R16-assessment-pending";
    public const string MaximumAgeExceeded = "maximum-age-privacy-officer-decides";
    public const string WithdrawalReviewPending = "R4-withdrawal-review-pending";
    public const string AlreadyAssessed = "R16-already-assessed";

    public static string Describe(string code) => code switch
    {
        AssessmentDone => Text.T("Beoordeling afgerond: het onderwijsdoel is bereikt (R7, R16)", "Assessment done: the educational purpose is achieved (R7, R16)"),
        PlacementEndedAssessed => Text.T("Plaatsing beëindigd en beoordeling afgerond (R13)", "Placement ended and assessment done (R13)"),
        ConsentWithdrawn => Text.T("Toestemming ingetrokken; de termijn voor beoordeling is verstreken (R4)", "Consent withdrawn; the review deadline passed (R4)"),
        StudentDeletion => Text.T("Door de student verwijderd vóór de beoordeling", "Deleted by the student before assessment"),
        AbandonedUpload => Text.T("Geweigerde of afgebroken upload", "Refused or abandoned upload"),
        LegalHold => Text.T("Juridische bewaarplicht (geschil, R17)", "Legal hold (dispute, R17)"),
        AssessmentPending => Text.T("Beoordeling loopt nog (R16)", "Still being assessed (R16)"),
        MaximumAgeExceeded => Text.T("Maximale bewaartermijn overschreden: de privacy officer beslist", "Over the maximum age: the privacy officer must decide"),
        WithdrawalReviewPending => Text.T("Toestemming ingetrokken; beoordeling (redigeren of vernietigen) loopt nog (R4)", "Consent withdrawn; review (redact or destroy) still open (R4)"),
        AlreadyAssessed => Text.T("Al beoordeeld: gaat mee in de jaarlijkse vernietiging (R16)", "Already assessed: goes in the yearly run (R16)"),
        _ => code,
    };
}
