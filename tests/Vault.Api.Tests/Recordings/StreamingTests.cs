using System.Net;
using System.Net.Http.Headers;
using Azure.Storage.Blobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Recordings;
using Vault.Api.Storage;
using Vault.Consent.Gate;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

public sealed class StreamingTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_range_request_returns_exactly_the_requested_bytes()
    {
        var (world, recording, full) = await StoredAsync(seconds: 6);
        using var client = vault.SignInAs(world.Io);
        var from = full.Length / 3;
        var to = from + 70_000;

        using var request = new HttpRequestMessage(HttpMethod.Get, await client.StreamUrlAsync(recording));
        request.Headers.Range = new RangeHeaderValue(from, to);
        var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {from}-{to}/{full.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(full.AsSpan(from, to - from + 1).ToArray(), body);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
    }

    [Fact]
    public async Task If_Range_with_the_current_ETag_gives_the_range_and_with_a_stale_one_the_whole_recording()
    {
        var (world, recording, full) = await StoredAsync(seconds: 2);
        using var client = vault.SignInAs(world.Student);
        var url = await client.StreamUrlAsync(recording);
        var head = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, Ct);
        var etag = head.Headers.ETag!;
        head.Dispose();

        var current = await RangeAsync(client, url, 100, 199, etag);
        var stale = await RangeAsync(client, url, 100, 199, new EntityTagHeaderValue("\"stale\""));
        using var beyond = new HttpRequestMessage(HttpMethod.Get, url);
        beyond.Headers.Range = new RangeHeaderValue(full.Length + 10, full.Length + 20);
        var unsatisfiable = await client.SendAsync(beyond, Ct);

        Assert.Equal(HttpStatusCode.PartialContent, current.StatusCode);
        Assert.Equal(full.AsSpan(100, 100).ToArray(), await current.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(full, await stale.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
    }

    [Fact]
    public async Task The_stored_recording_blob_in_storage_holds_no_plaintext()
    {
        var (_, recording, full) = await StoredAsync(seconds: 2);
        var blobName = await vault.WithDbAsync(db => db.Set<Recording>().Where(r => r.Id == recording.Id).Select(r => r.Content.BlobName).SingleAsync(Ct));
        var container = vault.Services.GetRequiredService<EncryptedBlobStore>().Container.Name;
        var raw = (await vault.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(container).GetBlobClient(blobName).DownloadContentAsync(Ct)).Value.Content.ToArray();

        PlaintextAssert.NotIn(raw, full);
        Assert.NotEqual(-1, full.AsSpan().IndexOf("ftyp"u8));
    }

    [Fact]
    public async Task Only_the_student_and_current_coaches_may_stream_everyone_else_gets_404()
    {
        var (world, recording, _) = await StoredAsync(seconds: 1);
        var stranger = await vault.CreatePersonAsync("Andere IO", VaultRoles.Instituutsopleider);
        var otherStudent = (await vault.CreatePlacementAsync()).Student;

        string? studentsUrl = null;
        foreach (var allowed in new[] { world.Student, world.Io, world.WpbOrWerkbegeleider, world.So! })
        {
            using var client = vault.SignInAs(allowed);
            var url = await client.StreamUrlAsync(recording);
            studentsUrl ??= url;
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, Ct)).StatusCode);
        }

        foreach (var denied in new[] { stranger, otherStudent, vault.Admin })
        {
            using var client = vault.SignInAs(denied);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/recordings/{recording.Id}/playback", null, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(studentsUrl, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/recordings/{recording.Id}", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task Each_grant_is_one_audited_session_and_a_range_asked_again_straight_after_is_audited_once()
    {
        var (world, recording, _) = await StoredAsync(seconds: 1);
        using var client = vault.SignInAs(world.Io);
        var first = await client.StartPlaybackAsync(recording.Id);
        await RangeAsync(client, first.StreamUrl, 0, 9, null);
        await RangeAsync(client, first.StreamUrl, 0, 9, null);
        await RangeAsync(client, first.StreamUrl, 10, 19, null);
        var second = await client.StartPlaybackAsync(recording.Id);
        await RangeAsync(client, second.StreamUrl, 0, 9, null);

        await vault.Services.GetRequiredService<Vault.Api.Audit.DeferredAudit>().FlushAsync(Ct); // the ranges are written in batches
        var entries = await vault.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.RecordingId == recording.Id && e.ActorPersonId == world.Io.Id && (e.Action == AuditActions.PlaybackSession || e.Action == AuditActions.PlaybackRange))
            .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.DetailsJson }).ToListAsync(Ct));

        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.Equal(
            [AuditActions.PlaybackSession, AuditActions.PlaybackRange, AuditActions.PlaybackRange, AuditActions.PlaybackSession, AuditActions.PlaybackRange],
            entries.Select(e => e.Action));
        Assert.Equal(3, entries.Count(e => e.DetailsJson!.Contains(first.SessionId.ToString(), StringComparison.Ordinal)));
        Assert.Equal(2, entries.Count(e => e.DetailsJson!.Contains(second.SessionId.ToString(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_withdrawn_consent_marks_the_recording_for_review_within_the_schools_deadline()
    {
        var (world, recording, _) = await StoredAsync(seconds: 1);
        var pupil = Guid.NewGuid();
        await vault.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<Vault.Api.Data.VaultDbContext>();
            await services.GetRequiredService<IConsentWithdrawalListener>().OnConsentWithdrawnAsync(pupil, [recording.Id], "beeld", Ct);
            await db.SaveChangesAsync(Ct);
        });

        using var client = vault.SignInAs(world.Student);
        var view = await VaultApiFactory.ReadAsync<RecordingView>(await client.GetAsync($"/api/recordings/{recording.Id}", Ct));
        Assert.Equal(vault.Time.GetUtcNow().AddDays(14), view.ReviewDueAt);
    }

    private async Task<HttpResponseMessage> RangeAsync(HttpClient client, string url, long from, long to, EntityTagHeaderValue? ifRange)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(from, to);
        if (ifRange is not null)
        {
            request.Headers.IfRange = new RangeConditionHeaderValue(ifRange);
        }

        var response = await client.SendAsync(request, Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }

    private async Task<(PlacementWorld World, RecordingView Recording, byte[] Full)> StoredAsync(double seconds)
    {
        var world = await vault.CreatePlacementAsync();
        var source = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds, name: Guid.NewGuid().ToString("N") + ".mp4"), Ct);
        var recording = await vault.UploadRecordingAsync(world, source);
        using var client = vault.SignInAs(world.Student);
        var full = await client.PlayAllAsync(recording);
        return (world, recording, full);
    }
}
