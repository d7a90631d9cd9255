namespace Vault.Api.Recordings;

/// <summary>Configuration section <c>Vault:Recordings</c>.</summary>
public sealed class RecordingOptions
{
    public const string Section = "Vault:Recordings";

    /// <summary>The largest recording accepted; checked as bytes arrive. Default 8 GiB.</summary>
    public long MaxUploadBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Bytes are stored in encrypted staging segments of at most this size (the plaintext held in memory per upload).</summary>
    public int SegmentBytes { get; set; } = Storage.SegmentBuffers.SegmentBytes;

    /// <summary>Segments encrypted and uploaded while the request reads the next one (plaintext in memory: this + 1 segments per request).</summary>
    public int SegmentsInFlight { get; set; } = 3;

    /// <summary>
    /// Upload progress (the resume offset) is committed to the database after at least this many stored bytes and
    /// at the end of every request; a crash in between only makes the client resend bytes that were already stored.
    /// </summary>
    public long ProgressCommitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>An upload without activity for this long is abandoned: its bytes are removed and its key destroyed.</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often abandoned uploads are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The Azure Storage queue from which workers take web-rendition jobs.</summary>
    public string RenditionQueue { get; set; } = "renditions";

    /// <summary>
    /// How long a rendition job's queue message stays invisible once a worker took it: when that worker dies, the job
    /// is delivered again after this (a live worker's claim keeps a second worker off it meanwhile).
    /// </summary>
    public TimeSpan RenditionVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a playback grant (the stream URL the player is given) stays valid; the player asks a new one when it runs out.</summary>
    public TimeSpan PlaybackGrantLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Run the queue-driven rendition worker in this process (the API and worker apps share one image; each sets this).</summary>
    public bool RunRenditionWorker { get; set; } = true;
}
