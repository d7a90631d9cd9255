using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Audit;
using Vault.Api.Recordings;
using Vault.Api.Tests.Recordings;
using Vault.Retention.Runs;
using Vault.Retention.Scheduling;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Time;
using Vault.Testing;
using Xunit;
using static Vault.Api.Tests.Recordings.RecordingsVault;
using static Vault.Testing.VaultApiFactory;

namespace Vault.Api.Tests.ScaleOut;

/// <summary>
/// Issue 12, scale-out shown locally: two full vault instances (<see cref="TwoVaults"/>) against one database and
/// one Azurite. Uploads land once, media jobs are encoded once, the retention lease lets one instance destroy, and
/// the audit chain stays one intact, gap-free chain whichever instance writes.
/// Both hosts run in this one test process: what they share in-process (static state) is not under test here;
/// everything they share as a deployment (database, blobs, queue, key ring) is.
/// </summary>
public sealed class TwoInstanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_begun_on_one_instance_and_finished_on_the_other_lands_once_and_plays_from_both()
    {
        await using var vaults = await TwoVaults.StartAsync();
        var (a, b) = (vaults.A, vaults.B);
        var world = await a.CreatePlacementAsync();
        var source = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(a.Folder, 3, name: "split.mp4"), Ct);
        var ticket = await a.GetUploadTicketAsync(world);
        using var onA = a.SignInAs(world.Student);
        using var onB = b.SignInAs(world.Student);
        var third = source.Length / 3;
        Assert.True(third > SegmentBytes, "the upload should span several staging segments");

        var upload = await StartUploadAsync(onA, ticket, source.Length, "split.mp4");
        Assert.Equal(HttpStatusCode.NoContent, (await AppendAsync(onA, upload.Id, 0, Octets(source, 0, third))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await AppendAsync(onB, upload.Id, third, Octets(source, third, third))).StatusCode);
        var progressOnA = await ReadAsync<UploadView>(await onA.GetAsync($"/api/recordings/uploads/{upload.Id}", Ct));
        var staleOnA = await AppendAsync(onA, upload.Id, third, Octets(source, third, 100));
        Assert.Equal(HttpStatusCode.NoContent, (await AppendAsync(onB, upload.Id, 2 * third, Octets(source, 2 * third))).StatusCode);

        // The student's app retries completion on the other instance while the first is still at work.
        var completions = await Task.WhenAll(CompleteAsync(onB, upload.Id), CompleteAsync(onA, upload.Id));

        Assert.Equal(2 * third, progressOnA.Received);
        Assert.Equal(HttpStatusCode.Conflict, staleOnA.StatusCode);
        var created = Assert.Single(completions, r => r.StatusCode == HttpStatusCode.Created);
        var refused = Assert.Single(completions, r => r.StatusCode != HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var recording = await ReadAsync<RecordingView>(created);
        var rows = await a.WithDbAsync(db => db.Set<Recording>().AsNoTracking().Where(r => r.TicketId == ticket).ToListAsync(Ct));
        Assert.Equal(recording.Id, Assert.Single(rows).Id);
        Assert.Equal(1, await CountAuditAsync(a, AuditActions.RecordingStored, recording.Id));
        var session = await b.WithDbAsync(db => db.Set<UploadSession>().AsNoTracking().SingleAsync(u => u.Id == upload.Id, Ct));
        Assert.Equal((UploadStatus.Completed, recording.Id), (session.Status, session.RecordingId));
        Assert.Empty(await BlobNamesAsync(a, $"{StorageLayout.UploadsPrefix}{upload.Id:N}/"));

        // Readable from either instance, with a grant made by the other: the grant is sealed by the shared key ring.
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync($"/api/recordings/{recording.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync($"/api/recordings/{recording.Id}", Ct)).StatusCode);
        var wholeViaB = await onB.GetByteArrayAsync(await onA.StreamUrlAsync(recording), Ct);
        using var ranged = new HttpRequestMessage(HttpMethod.Get, await onB.StreamUrlAsync(recording));
        ranged.Headers.Range = new RangeHeaderValue(1000, 4999);
        var partViaA = await onA.SendAsync(ranged, Ct);

        Assert.Equal(recording.Length, wholeViaB.Length);
        var stored = rows[0].Content.Sha256;
        Assert.Equal(stored, Convert.ToHexStringLower(SHA256.HashData(wholeViaB)));
        Assert.Equal(HttpStatusCode.PartialContent, partViaA.StatusCode);
        Assert.Equal(wholeViaB.AsSpan(1000, 4000).ToArray(), await partViaA.Content.ReadAsByteArrayAsync(Ct));
        await AssertChainIntactAsync(vaults);
    }

    [Fact]
    public async Task Rendition_jobs_delivered_twice_to_both_instances_workers_are_each_encoded_once()
    {
        await using var vaults = await TwoVaults.StartAsync();
        var (a, b) = (vaults.A, vaults.B);
        var world = await a.CreatePlacementAsync();
        // Long enough that an encode is still running when the copy of its message reaches the other worker.
        var video = await TestMedia.CreateVideoAsync(a.Folder, 8, name: "long.mp4");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await (i % 2 == 0 ? a : b).CreateReadyRecordingAsync(world.Placement.Id, video, durationSeconds: 8, cancellationToken: Ct));
        }

        using var encodesOnA = new InstanceCounter(a.Services, "vault.renditions.encodes");
        using var encodesOnB = new InstanceCounter(b.Services, "vault.renditions.encodes");
        await a.WithDbAsync(db => db.Set<Recording>().Where(r => ids.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Rendition, RenditionStatus.Queued), Ct));

        // At-least-once delivery: every job is on the queue twice, sent by each instance.
        foreach (var id in ids)
        {
            await a.Services.GetRequiredService<RenditionQueue>().EnqueueAsync(id, Ct);
            await b.Services.GetRequiredService<RenditionQueue>().EnqueueAsync(id, Ct);
        }

        var done = await WaitForRenditionsAsync(a, ids);

        Assert.All(done, r => Assert.Equal(RenditionStatus.Ready, r.Rendition));
        Assert.Equal(ids.Count, encodesOnA.Total + encodesOnB.Total);
        foreach (var recording in done)
        {
            Assert.Equal(1, await CountAuditAsync(a, AuditActions.RenditionMade, recording.Id));
            var blobs = await BlobNamesAsync(a, $"recordings/{recording.Id:N}/");
            Assert.Equal(new[] { recording.Content.BlobName, recording.WebRendition!.BlobName }.Order(StringComparer.Ordinal), blobs.Order(StringComparer.Ordinal));
        }

        Assert.Empty(await BlobNamesAsync(a, "jobs/renditions/"));
        using var onB = b.SignInAs(world.Student);
        var played = await onB.GetByteArrayAsync((await onB.StartPlaybackAsync(ids[0])).StreamUrl, Ct);
        Assert.Equal(done.Single(r => r.Id == ids[0]).WebRendition!.Sha256, Convert.ToHexStringLower(SHA256.HashData(played)));
        await AssertChainIntactAsync(vaults);
    }

    [Fact]
    public async Task The_retention_run_started_on_both_instances_at_once_destroys_each_due_recording_once()
    {
        await using var vaults = await TwoVaults.StartAsync();
        var (a, b) = (vaults.A, vaults.B);
        var world = await a.CreatePlacementAsync();
        var video = await TestMedia.CreateVideoAsync(a.Folder, 1, name: "short.mp4");
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var id = await (i % 2 == 0 ? a : b).CreateReadyRecordingAsync(world.Placement.Id, video, cancellationToken: Ct);
            await Retention.RetentionVault.MarkAssessedAsync(a, id, world);
            ids.Add(id);
        }

        vaults.SetTime(SchoolCalendar.FromAmsterdam(new DateOnly(2027, 9, 15), new TimeOnly(3, 0)));
        var reports = await Task.WhenAll(vaults.Both.Select(v => Task.Run(() => YearlyRunAsync(v), Ct)));

        var worker = Assert.Single(reports, r => r.Outcome == RunOutcome.Completed);
        var other = Assert.Single(reports, r => r.Outcome != RunOutcome.Completed);
        Assert.Equal(ids.Count, worker.DestroyedNow);
        Assert.Contains(other.Outcome, new[] { RunOutcome.LeaseHeldElsewhere, RunOutcome.AlreadyCompleted });
        Assert.Equal(0, other.DestroyedNow);
        var tombstones = await a.WithDbAsync(db => ((Vault.Retention.Data.IRetentionDb)db).Tombstones.AsNoTracking()
            .Where(t => ids.Contains(t.RecordingId)).Select(t => t.RecordingId).ToListAsync(Ct));
        Assert.Equal(ids.Order(), tombstones.Order());
        Assert.False(await a.WithDbAsync(db => db.Set<Recording>().AnyAsync(r => ids.Contains(r.Id), Ct)));
        // The run audits one entry per batch, naming the recordings it destroyed: each is named exactly once.
        var destroyed = await b.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.RecordingDestroyed).Select(e => e.DetailsJson ?? "").ToListAsync(Ct));
        foreach (var id in ids)
        {
            Assert.Equal(1, destroyed.Sum(details => details.Split(id.ToString()).Length - 1));
            Assert.Empty(await BlobNamesAsync(b, $"recordings/{id:N}/"));
        }

        var lease = await b.WithDbAsync(db => ((Vault.Retention.Data.IRetentionDb)db).RetentionLeases.AsNoTracking().SingleAsync(Ct));
        Assert.Null(lease.Owner);
        await AssertChainIntactAsync(vaults);
    }

    [Fact]
    public async Task Audit_entries_written_by_both_instances_at_once_form_one_intact_gap_free_chain()
    {
        await using var vaults = await TwoVaults.StartAsync();
        var world = await vaults.A.CreatePlacementAsync();
        var video = await TestMedia.CreateVideoAsync(vaults.A.Folder, 1, name: "short.mp4");
        var recordingId = await vaults.A.CreateReadyRecordingAsync(world.Placement.Id, video, cancellationToken: Ct);
        var before = await HeadAsync(vaults.A);

        // Audited writes of different kinds, from both instances at the same time.
        var writes = vaults.Both.SelectMany(v => Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            if (i % 2 == 0)
            {
                await v.CreateSchoolLocationAsync(Arrange.Osr, $"Schaal {i} {Guid.NewGuid():N}");
            }
            else
            {
                using var student = v.SignInAs(world.Student);
                await student.StartPlaybackAsync(recordingId);
            }
        }, Ct)));
        await Task.WhenAll(writes);

        var sequences = await vaults.B.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(Ct));
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(s => (long)s), sequences);
        Assert.True(sequences[^1] >= before + 12, $"expected at least 12 new entries after {before}, head is {sequences[^1]}");
        await AssertChainIntactAsync(vaults);
    }

    private static async Task<RunReport> YearlyRunAsync(RecordingsVault vault)
    {
        DutyReport? report = null;
        await vault.WithScopeAsync(async sp => report = await sp.GetRequiredService<RetentionDuty>().RunDueAsync("test", Ct));
        return report!.Runs.Single(r => r.Kind == DestructionKind.Yearly);
    }

    private static async Task<List<Recording>> WaitForRenditionsAsync(RecordingsVault vault, List<Guid> ids)
    {
        for (var i = 0; ; i++)
        {
            var rows = await vault.WithDbAsync(db => db.Set<Recording>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(Ct));
            if (rows.All(r => r.Rendition is RenditionStatus.Ready or RenditionStatus.Failed) || i >= 600)
            {
                return rows;
            }

            await Task.Delay(250, Ct);
        }
    }

    private static Task<long> HeadAsync(RecordingsVault vault) =>
        vault.WithDbAsync(async db => await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, Ct) ?? 0);

    private static Task<int> CountAuditAsync(RecordingsVault vault, string action, Guid recordingId) =>
        vault.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(e => e.Action == action && e.RecordingId == recordingId, Ct));

    private static async Task<List<string>> BlobNamesAsync(RecordingsVault vault, string prefix)
    {
        var container = vault.Services.GetRequiredService<Vault.Api.Storage.EncryptedBlobStore>().Container;
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, Ct))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>Each instance verifies the one chain (through the API, as the privacy officer would): intact, every entry checked.</summary>
    private static async Task AssertChainIntactAsync(TwoVaults vaults)
    {
        var officer = await vaults.A.CreateUserDirectAsync("FG Instituut", [VaultRoles.PrivacyOfficer]);

        // Playback ranges are audited in batches: written before the head is read, as verification itself does first.
        foreach (var vault in vaults.Both)
        {
            await vault.Services.GetRequiredService<Vault.Api.Audit.DeferredAudit>().FlushAsync(Ct);
        }

        foreach (var vault in vaults.Both)
        {
            var head = await HeadAsync(vault);
            using var client = vault.SignInAs(officer);
            var verification = await ReadAsync<ChainVerification>(await client.PostAsync("/api/audit/verify", null, Ct));
            Assert.True(verification.Intact, verification.Problem);
            Assert.Equal(head, verification.EntriesChecked);
        }
    }
}
