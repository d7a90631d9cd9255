using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Audit;
using Vault.Api.Recordings;
using Vault.Consent.Gate;
using Vault.Shared.Auditing;

namespace Vault.Testing;

/// <summary>How much load, for how long: students uploading one recording after another, viewers seeking through stored ones.</summary>
public sealed record LoadShape(int Uploaders, int Viewers, TimeSpan Window, double UploadSeconds = 1, double WatchedSeconds = 3);

/// <summary>What happened under load, and what the vault's database says about it afterwards.</summary>
public sealed record LoadOutcome(
    IReadOnlyList<string> Errors,
    IReadOnlyList<Guid> Stored,
    IReadOnlyList<Guid> Recorded,
    IReadOnlyList<Guid> Sessions,
    IReadOnlyList<string> AuditedSessionDetails,
    int Ranges,
    int OpenUploads,
    TimeSpan Elapsed)
{
    /// <summary>Every upload the clients saw stored has its recording row, and no other recording appeared.</summary>
    public bool EveryUploadStored => Stored.Order().SequenceEqual(Recorded.Order());

    /// <summary>Every playback session a viewer was granted has its audit entry, and there are no others.</summary>
    public bool EveryPlaybackAudited =>
        Sessions.Count == AuditedSessionDetails.Count && Sessions.All(s => AuditedSessionDetails.Any(d => d.Contains(s.ToString(), StringComparison.Ordinal)));
}

/// <summary>
/// Issue 11's load, shared by the test command's short form (Vault.Api.Tests' ShortLoadTests) and the benchmark's full
/// form (bench's load figure): for <see cref="LoadShape.Window"/> on 127.0.0.1, students upload one ffmpeg-made
/// recording after another through the gate and the resumable upload (two PATCHes, completion), while viewers take
/// playback grants and seek with Range requests, checking every byte. It stops by itself: no new work after the window,
/// work in flight finishes. It measures outcomes only; the caller decides what to assert or report.
/// </summary>
public static class LoadDriver
{
    public static async Task<LoadOutcome> RunAsync(VaultApiFactory vault, LoadShape shape, string folder, CancellationToken cancellationToken)
    {
        var media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(folder, shape.UploadSeconds, name: "load.mp4"), cancellationToken);
        var watched = await vault.CreatePlacementAsync();
        var watchedMedia = await TestMedia.CreateVideoAsync(folder, shape.WatchedSeconds, name: "watched.mp4");
        var watchedBytes = await File.ReadAllBytesAsync(watchedMedia, cancellationToken);
        Guid[] recordings =
        [
            await vault.CreateReadyRecordingAsync(watched.Placement.Id, watchedMedia, durationSeconds: shape.WatchedSeconds, cancellationToken: cancellationToken),
            await vault.CreateReadyRecordingAsync(watched.Placement.Id, watchedMedia, durationSeconds: shape.WatchedSeconds, cancellationToken: cancellationToken),
        ];
        TestUser[] viewers = [watched.Student, watched.Io, watched.WpbOrWerkbegeleider, watched.So!];
        var students = new List<(PlacementWorld World, ClassWorld Klas)>();
        for (var i = 0; i < shape.Uploaders; i++)
        {
            var world = await vault.CreatePlacementAsync();
            students.Add((world, await vault.CreateClassAsync(world, pupils: 2)));
        }

        var errors = new ConcurrentBag<string>();
        var stored = new ConcurrentBag<Guid>();
        var sessions = new ConcurrentBag<Guid>();
        var ranges = 0;
        var started = TimeProvider.System.GetTimestamp();
        var deadline = TimeProvider.System.GetUtcNow() + shape.Window; // wall clock on purpose: the vault's clock is the test's fake one
        bool Open() => TimeProvider.System.GetUtcNow() < deadline;

        var uploads = students.Select(s => Task.Run(async () =>
        {
            using var client = vault.SignInAs(s.World.Student);
            while (Open())
            {
                var outcome = await UploadOnceAsync(vault, client, s.Klas, media, cancellationToken);
                if (outcome.Recording is { } id)
                {
                    stored.Add(id);
                }
                else
                {
                    errors.Add(outcome.Error!);
                }
            }
        }, cancellationToken));
        var viewing = Enumerable.Range(0, shape.Viewers).Select(v => Task.Run(async () =>
        {
            using var client = vault.SignInAs(viewers[v % viewers.Length]);
            var random = new Random(v);
            while (Open())
            {
                var recording = recordings[random.Next(recordings.Length)];
                using var grant = await client.PostAsync($"/api/recordings/{recording}/playback", null, cancellationToken);
                if (grant.StatusCode != HttpStatusCode.OK)
                {
                    errors.Add($"grant {(int)grant.StatusCode}");
                    continue;
                }

                var view = (await grant.Content.ReadFromJsonAsync<PlaybackGrantView>(VaultApiFactory.JsonOptions, cancellationToken))!;
                sessions.Add(view.SessionId);
                for (var seek = 0; seek < 4 && Open(); seek++)
                {
                    var from = random.Next(watchedBytes.Length - 1);
                    var to = Math.Min(watchedBytes.Length - 1, from + random.Next(1, 64 * 1024));
                    using var request = new HttpRequestMessage(HttpMethod.Get, view.StreamUrl);
                    request.Headers.Range = new RangeHeaderValue(from, to);
                    using var response = await client.SendAsync(request, cancellationToken);
                    var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    if (response.StatusCode != HttpStatusCode.PartialContent || !bytes.AsSpan().SequenceEqual(watchedBytes.AsSpan(from, to - from + 1)))
                    {
                        errors.Add($"range {from}-{to}: {(int)response.StatusCode}, {bytes.Length} bytes");
                    }

                    Interlocked.Increment(ref ranges);
                }
            }
        }, cancellationToken));
        await Task.WhenAll([.. uploads, .. viewing]);
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        var placements = students.Select(s => s.World.Placement.Id).ToList();
        var recorded = await vault.WithDbAsync(db => db.Set<Recording>().Where(r => placements.Contains(r.PlacementId)).Select(r => r.Id).ToListAsync(cancellationToken));
        var audited = await vault.WithDbAsync(db => db.Set<AuditEntry>()
            .Where(a => a.Action == AuditActions.PlaybackSession && a.RecordingId != null && recordings.Contains(a.RecordingId.Value))
            .Select(a => a.DetailsJson!).ToListAsync(cancellationToken));
        var openUploads = await vault.WithDbAsync(db => db.Set<UploadSession>().CountAsync(u => placements.Contains(u.PlacementId) && u.Status != UploadStatus.Completed, cancellationToken));
        return new LoadOutcome([.. errors], [.. stored], recorded, [.. sessions], audited, ranges, openUploads, elapsed);
    }

    /// <summary>One recording: a ticket from the gate, the bytes in two PATCHes, completion.</summary>
    private static async Task<(Guid? Recording, string? Error)> UploadOnceAsync(VaultApiFactory vault, HttpClient client, ClassWorld klas, byte[] media, CancellationToken cancellationToken)
    {
        using var decision = await client.PostAsJsonAsync("/api/gate/decisions", vault.Question(klas, informed: InformedHow.Mondeling), VaultApiFactory.JsonOptions, cancellationToken);
        if (decision.StatusCode != HttpStatusCode.Created)
        {
            return (null, $"gate {(int)decision.StatusCode}");
        }

        var ticket = (await decision.Content.ReadFromJsonAsync<DecisionView>(VaultApiFactory.JsonOptions, cancellationToken))!.Ticket.TicketId;
        using var start = await client.PostAsJsonAsync("/api/recordings/uploads", new StartUploadRequest(ticket, "les.mp4", media.Length), VaultApiFactory.JsonOptions, cancellationToken);
        if (start.StatusCode != HttpStatusCode.Created)
        {
            return (null, $"start {(int)start.StatusCode}");
        }

        var upload = (await start.Content.ReadFromJsonAsync<UploadView>(VaultApiFactory.JsonOptions, cancellationToken))!;
        var half = media.Length / 2;
        foreach (var (offset, count) in new[] { (0, half), (half, media.Length - half) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/recordings/uploads/{upload.Id}") { Content = new ByteArrayContent(media, offset, count) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            using var append = await client.SendAsync(request, cancellationToken);
            if (append.StatusCode != HttpStatusCode.NoContent)
            {
                return (null, $"append {(int)append.StatusCode}");
            }
        }

        using var complete = await client.PostAsync($"/api/recordings/uploads/{upload.Id}/complete", null, cancellationToken);
        return complete.StatusCode == HttpStatusCode.Created
            ? ((await complete.Content.ReadFromJsonAsync<RecordingView>(VaultApiFactory.JsonOptions, cancellationToken))!.Id, null)
            : (null, $"complete {(int)complete.StatusCode}: {await complete.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
