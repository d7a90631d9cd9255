using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Audit;
using Vault.Api.Recordings;
using Vault.Api.Tests.Recordings;
using Vault.Shared.Auditing;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Reliability;

/// <summary>
/// Issue 11, faults: the vault process killed with SIGKILL (a separate OS process, <see cref="ChildVault"/>) in the
/// middle of an upload and of an ffmpeg rendition job, then started again on the same SQLite file, key file and
/// Azurite. What was under way continues or is cleaned up, and the audit chain has no gap. The destruction run's crash
/// is in <see cref="DestructionKillTests"/>.
/// </summary>
public sealed class ProcessKillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_whose_vault_is_killed_mid_request_resumes_after_restart_and_leaves_no_half_recording_or_orphan_blob()
    {
        await using var world = await CrashWorld.StartAsync();
        var vault = world.Vault;
        var placement = await vault.CreatePlacementAsync();
        var ticket = await vault.GetUploadTicketAsync(placement);
        var media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 8, name: "les.mp4"), Ct);
        Assert.True(media.Length > 4 * RecordingsVault.SegmentBytes, $"the lesson spans several segments ({media.Length} bytes)");

        var upload = await KilledMidPatchAsync(world, placement, ticket, media, sendFirst: media.Length * 3 / 4, committed: 2 * RecordingsVault.SegmentBytes);

        // Nothing half-stored is visible: no recording, the upload still open at its last committed offset.
        Assert.False(await vault.WithDbAsync(db => db.Set<Recording>().AnyAsync(r => r.PlacementId == placement.Placement.Id, Ct)));

        await using var second = await world.StartChildAsync();
        using var student = second.SignInAs(placement.Student);
        var progress = await VaultApiFactory.ReadAsync<UploadView>(await student.GetAsync($"/api/recordings/uploads/{upload.Id}", Ct));
        Assert.Equal(UploadStatus.Open, progress.Status);
        Assert.InRange(progress.Received, 2 * RecordingsVault.SegmentBytes, media.Length * 3 / 4);

        var rest = await RecordingsVault.AppendAsync(student, upload.Id, progress.Received, RecordingsVault.Octets(media, (int)progress.Received));
        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
        var recording = await VaultApiFactory.ReadAsync<RecordingView>(await RecordingsVault.CompleteAsync(student, upload.Id));
        var played = await student.PlayAllAsync(recording);
        var duration = (await RecordingsVault.ProbeAsync(played)).GetProperty("format").GetProperty("duration").GetString();

        await world.SweepAsync();
        var blobs = await world.BlobsAsync();
        using var officer = second.SignInAs(await world.CreatePrivacyOfficerAsync());
        var chain = await CrashWorld.VerifyAuditAsync(officer);

        Assert.InRange(double.Parse(duration!, System.Globalization.CultureInfo.InvariantCulture), 7.5, 8.5);
        Assert.Empty(await world.BlobsAsync(StorageLayoutPrefix));
        Assert.All(blobs, b => Assert.StartsWith($"recordings/{recording.Id:N}/", b, StringComparison.Ordinal));
        Assert.True(chain.Intact, chain.Problem);
    }

    [Fact]
    public async Task An_upload_whose_vault_is_killed_and_never_resumed_is_expired_with_its_staged_bytes_removed()
    {
        await using var world = await CrashWorld.StartAsync();
        var vault = world.Vault;
        var placement = await vault.CreatePlacementAsync();
        var ticket = await vault.GetUploadTicketAsync(placement);
        var media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 8, name: "les.mp4"), Ct);

        var upload = await KilledMidPatchAsync(world, placement, ticket, media, sendFirst: media.Length / 2, committed: RecordingsVault.SegmentBytes);

        var staged = await world.BlobsAsync($"{StorageLayoutPrefix}{upload.Id:N}/");
        vault.Time.Advance(TimeSpan.FromHours(25)); // past AbandonAfter (24 h)
        await world.SweepAsync();
        // Segment writes the killed vault had handed over may be finished by Azurite after the upload expired and its
        // prefix was emptied; the orphan sweep takes those at its next rounds.
        await Eventually.TrueAsync(async () =>
        {
            if ((await world.BlobsAsync()).Count == 0)
            {
                return true;
            }

            await world.SweepAsync();
            return false;
        }, "every staged blob removed by the sweeps");
        var session = await vault.WithDbAsync(db => db.Set<UploadSession>().AsNoTracking().SingleAsync(u => u.Id == upload.Id, Ct));
        using var officer = vault.SignInAs(await world.CreatePrivacyOfficerAsync());
        var chain = await CrashWorld.VerifyAuditAsync(officer);

        Assert.NotEmpty(staged);
        Assert.Equal(UploadStatus.Expired, session.Status);
        Assert.Empty(await world.BlobsAsync());
        Assert.False(await vault.WithDbAsync(db => db.Set<Recording>().AnyAsync(r => r.PlacementId == placement.Placement.Id, Ct)));
        Assert.Equal(1, await vault.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == AuditActions.UploadExpired && a.SubjectId == upload.Id.ToString(), Ct)));
        Assert.True(chain.Intact, chain.Problem);
    }

    [Fact]
    public async Task A_rendition_job_whose_vault_is_killed_during_ffmpeg_is_delivered_again_after_restart_and_made_once()
    {
        await using var world = await CrashWorld.StartAsync();
        var vault = world.Vault;
        var placement = await vault.CreatePlacementAsync();
        Directory.CreateDirectory(vault.Folder);
        var hevc = Path.Combine(vault.Folder, "iphone.mov");
        await TestMedia.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2", "-f", "lavfi", "-i", "sine=duration=2",
            "-c:v", "libx265", "-preset", "ultrafast", "-tag:v", "hvc1", "-c:a", "aac", "-shortest", hevc]);
        var recording = await vault.UploadRecordingAsync(placement, await File.ReadAllBytesAsync(hevc, Ct));
        Assert.Equal(RenditionStatus.Queued, recording.Rendition);
        var worker = new Dictionary<string, string?>
        {
            ["Vault:Recordings:RunRenditionWorker"] = "true",
            ["Vault:Recordings:RenditionVisibilityTimeout"] = "00:00:10",
        };

        // The first worker's encode is held at ffmpeg's start (a wrapper in front of it on PATH) and the process killed there.
        var slow = SlowFfmpeg.Create(vault.Folder);
        await using (var first = await world.StartChildAsync(settings: worker, environment: slow.Environment))
        {
            await Eventually.TrueAsync(() => Task.FromResult(File.Exists(slow.EncodingMarker)), "the rendition's ffmpeg started");
            Assert.Equal(RenditionStatus.Processing, await RenditionAsync(vault, recording.Id));
            first.Kill();
        }

        await using var second = await world.StartChildAsync(settings: worker);
        await Eventually.TrueAsync(async () => await RenditionAsync(vault, recording.Id) is RenditionStatus.Ready or RenditionStatus.Failed, "the rendition after the restart");
        var stored = await vault.WithDbAsync(db => db.Set<Recording>().AsNoTracking().SingleAsync(r => r.Id == recording.Id, Ct));
        var made = await vault.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == AuditActions.RenditionMade && a.RecordingId == recording.Id, Ct));
        using var student = second.SignInAs(placement.Student);
        var view = await VaultApiFactory.ReadAsync<RecordingView>(await student.GetAsync($"/api/recordings/{recording.Id}", Ct));
        var codecs = (await RecordingsVault.ProbeAsync(await student.PlayAllAsync(view))).GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_name").GetString()).ToList();
        await Eventually.TrueAsync(async () => (await world.BlobsAsync("jobs/")).Count == 0, "the job's claim released");
        using var officer = second.SignInAs(await world.CreatePrivacyOfficerAsync());
        var chain = await CrashWorld.VerifyAuditAsync(officer);

        Assert.Equal(RenditionStatus.Ready, stored.Rendition);
        Assert.Equal(1, made);
        Assert.Equal(["h264", "aac"], codecs);
        Assert.Equal(new[] { stored.Content.BlobName, stored.WebRendition!.BlobName }.Order(), (await world.BlobsAsync($"recordings/{recording.Id:N}/")).Order());
        Assert.True(chain.Intact, chain.Problem);
    }

    private const string StorageLayoutPrefix = StorageLayout.UploadsPrefix;

    /// <summary>
    /// Starts the upload on a child vault, sends <paramref name="sendFirst"/> bytes and holds the request open; once the
    /// vault has committed at least <paramref name="committed"/> bytes of progress, the child is killed mid-request.
    /// </summary>
    private static async Task<UploadView> KilledMidPatchAsync(CrashWorld world, PlacementWorld placement, Guid ticket, byte[] media, int sendFirst, long committed)
    {
        await using var child = await world.StartChildAsync();
        using var client = child.SignInAs(placement.Student);
        var upload = await RecordingsVault.StartUploadAsync(client, ticket, media.Length);
        using var held = new HeldOpenContent(media, sendFirst);
        held.Headers.ContentType = new("application/offset+octet-stream");
        var patch = RecordingsVault.AppendAsync(client, upload.Id, 0, held);
        await Eventually.TrueAsync(async () => await ReceivedAsync(world.Vault, upload.Id) >= committed, "progress committed mid-request");

        child.Kill();
        held.Abandon();
        await Assert.ThrowsAnyAsync<Exception>(() => patch);
        return upload;
    }

    private static Task<long> ReceivedAsync(RecordingsVault vault, Guid upload) =>
        vault.WithDbAsync(db => db.Set<UploadSession>().AsNoTracking().Where(u => u.Id == upload).Select(u => u.Received).SingleAsync(Ct));

    private static Task<RenditionStatus> RenditionAsync(RecordingsVault vault, Guid recording) =>
        vault.WithDbAsync(db => db.Set<Recording>().AsNoTracking().Where(r => r.Id == recording).Select(r => r.Rendition).SingleAsync(Ct));
}

/// <summary>An <c>ffmpeg</c> in front of Debian's on PATH that, for a rendition encode, leaves a marker and waits before running.</summary>
internal sealed record SlowFfmpeg(string EncodingMarker, IReadOnlyDictionary<string, string> Environment)
{
    public static SlowFfmpeg Create(string folder)
    {
        var bin = Path.Combine(folder, "slow-bin");
        Directory.CreateDirectory(bin);
        var marker = Path.Combine(bin, "encoding");
        var script = Path.Combine(bin, "ffmpeg");
        File.WriteAllText(script, $"#!/bin/sh\ncase \" $* \" in *\" -crf \"*) : > '{marker}'; sleep 600;; esac\nexec /usr/bin/ffmpeg \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = bin + ":" + System.Environment.GetEnvironmentVariable("PATH");
        return new SlowFfmpeg(marker, new Dictionary<string, string> { ["PATH"] = path });
    }
}
