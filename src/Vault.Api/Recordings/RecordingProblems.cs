using Vault.Shared.Problems;

namespace Vault.Api.Recordings;

/// <summary>Stable problem types of the recordings feature.</summary>
internal static class RecordingProblems
{
    public static readonly ProblemKind TicketInvalid = new("upload-ticket-invalid", 409, "Het uploadbewijs is niet (meer) geldig", "The upload ticket is not valid");
    public static readonly ProblemKind OffsetMismatch = new("upload-offset-mismatch", 409, "De upload gaat verder op een andere plek", "The upload continues at a different offset");
    public static readonly ProblemKind UploadNotOpen = new("upload-not-open", 409, "Deze upload is al afgerond of vervallen", "This upload is already finished or expired");
    public static readonly ProblemKind UploadIncomplete = new("upload-incomplete", 409, "De upload is nog niet compleet", "The upload is not complete yet");
    public static readonly ProblemKind TooLarge = new("upload-too-large", 413, "De opname is groter dan toegestaan", "The recording is larger than allowed");
    public static readonly ProblemKind Empty = new("upload-empty", 422, "Het bestand is leeg", "The file is empty");
    public static readonly ProblemKind NotMedia = new("not-media", 422, "Dit bestand is geen ondersteunde beeld- of geluidsopname", "This file is not a supported video or audio recording");
    public static readonly ProblemKind Undecodable = new("media-undecodable", 422, "De opname is beschadigd of onvolledig", "The recording is damaged or incomplete");
    public static readonly ProblemKind NoSound = new("sound-only-without-sound", 422, "Alleen geluid is toegestaan (R5), maar het bestand heeft geen geluid", "Sound only is allowed (R5), but the file has no sound");
    public static readonly ProblemKind GateRefused = new("upload-gate-refused", 409, "De opname mag niet (meer) worden bewaard", "The recording may not (or no longer) be kept");
}
