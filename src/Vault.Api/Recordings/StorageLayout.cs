namespace Vault.Api.Recordings;

/// <summary>
/// Where the vault keeps blobs inside its recordings container. The infrastructure's lifecycle rule for abandoned
/// uploads matches <see cref="UploadsPrefix"/>; the infra tests hold the two together.
/// </summary>
public static class StorageLayout
{
    /// <summary>Uploads in progress: one encrypted blob per received segment, under <c>uploads/{session}/</c>.</summary>
    public const string UploadsPrefix = "uploads/";

    /// <summary>Recordings: every version and rendition of one recording under <c>recordings/{recording}/</c>.</summary>
    public const string RecordingsPrefix = "recordings/";
}
