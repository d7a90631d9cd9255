using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Recordings;
using Vault.Testing;

namespace Vault.Bench.Figures;

/// <summary>One upload size in its own process: SDK baseline upload, API upload (peak RSS), and range reads.</summary>
public static class UploadRun
{
    public const string Flag = "--upload-run";
    public const string ResultPrefix = "RESULT ";
    private const int RangeBytes = 1 << 20;
    private const long PatchBytes = 256L << 20;
    private const int WarmupBytes = 1 << 20;
    private const int MaxWarmUpRanges = 1_000;

    public static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> MainAsync(long bytes, int ranges, CancellationToken cancellationToken)
    {
        var phase = Stopwatch.StartNew();
        var file = await BenchMedia.VideoAsync(bytes, cancellationToken);
        Console.Error.WriteLine($"[bench]   media ready in {phase.Elapsed.TotalSeconds:0.0} s");
        var size = new FileInfo(file).Length;
        await using var vault = new BenchVault();
        await vault.InitializeAsync();
        var world = await vault.CreatePlacementAsync();
        var ticket = await vault.GetUploadTicketAsync(world);
        var container = new BlobContainerClient(vault.Azurite.ConnectionString, vault.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        // Warm-up, both sides alike: the first request of each path JIT-compiles it and builds its queries, a one-off
        // cost of the process rather than of the upload (it dominated the quick run's small files).
        await container.GetBlobClient("bench-warmup/" + Guid.NewGuid().ToString("N")).UploadAsync(new BinaryData(new byte[WarmupBytes]), cancellationToken);

        // Both uploads read the file from the page cache, whichever goes first.
        await using (var warm = File.OpenRead(file))
        {
            await warm.CopyToAsync(Stream.Null, 1 << 20, cancellationToken);
        }

        // The vault under test is its own OS process (the test host, Release, on the same database, key file and
        // Azurite), so its memory is measured without this process's client, arrangement and baseline.
        await using var api = await ChildVault.StartAsync(new ChildVaultSpec { Settings = vault.ChildSettings(), Now = vault.Time.GetUtcNow() }, vault.Azurite, null, cancellationToken);
        using var client = api.SignInAs(world.Student);
        client.Timeout = TimeSpan.FromMinutes(30);
        await SendAsync(client, (await vault.GetUploadTicketAsync(world)).TicketId, file, WarmupBytes, cancellationToken); // left open: it expires
        var process = new ProcessMemory(api.ProcessId);
        var startRss = process.Rss;
        process.ResetPeak();
        Console.Error.WriteLine($"[bench]   before the upload: vault process RSS {startRss:0} MB");
        var apiTime = Stopwatch.StartNew();
        var upload = await SendAsync(client, ticket.TicketId, file, size, cancellationToken);
        apiTime.Stop();
        var patchRss = process.Peak;
        Console.Error.WriteLine($"[bench]   after the PATCHes: vault process RSS {process.Rss:0} MB, peak {patchRss:0} MB");
        var complete = Stopwatch.StartNew();
        var recording = await VaultApiFactory.ReadAsync<RecordingView>(await client.PostAsync($"/api/recordings/uploads/{upload.Id}/complete", null, cancellationToken));
        complete.Stop();
        var peakRss = process.Peak;
        Console.Error.WriteLine($"[bench]   after completion: vault process RSS {process.Rss:0} MB, peak {peakRss:0} MB");
        Console.Error.WriteLine($"[bench]   API upload done at {phase.Elapsed.TotalSeconds:0.0} s");

        // Baseline: the plain SDK upload of the same file to the same Azurite, after the API's, so that the SDK's own
        // buffers (it uploads in parallel blocks) are not counted in the vault's peak memory.
        var baseline = container.GetBlobClient("bench-baseline/" + Guid.NewGuid().ToString("N"));
        var sdk = Stopwatch.StartNew();
        await baseline.UploadAsync(file, cancellationToken);
        sdk.Stop();
        await baseline.DeleteAsync(cancellationToken: cancellationToken);
        Console.Error.WriteLine($"[bench]   SDK baseline done at {phase.Elapsed.TotalSeconds:0.0} s");

        double[] api50 = [double.NaN, double.NaN, double.NaN], raw50 = [double.NaN, double.NaN];
        var warmUp = 0;
        if (ranges > 0)
        {
            (api50, raw50, warmUp) = await RangesAsync(vault, api, container, client, recording.Id, ranges, cancellationToken);
        }

        var result = new UploadResult(size, sdk.Elapsed.TotalSeconds, apiTime.Elapsed.TotalSeconds, complete.Elapsed.TotalSeconds, startRss, patchRss, peakRss, api50[0], api50[1], raw50[0], raw50[1], warmUp, api50[2]);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result, Json));
        return 0;
    }

    /// <summary>Starts an upload and sends the first <paramref name="size"/> bytes of the file in PATCHes of <see cref="PatchBytes"/>.</summary>
    private static async Task<UploadView> SendAsync(HttpClient client, Guid ticketId, string file, long size, CancellationToken cancellationToken)
    {
        var start = await client.PostAsJsonAsync("/api/recordings/uploads", new StartUploadRequest(ticketId, "les.mp4", size), VaultApiFactory.JsonOptions, cancellationToken);
        var upload = await VaultApiFactory.ReadAsync<UploadView>(start);
        await using var source = File.OpenRead(file);
        for (long offset = 0; offset < size; offset += PatchBytes)
        {
            var count = Math.Min(PatchBytes, size - offset);
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/recordings/uploads/{upload.Id}") { Content = new StreamContent(new Slice(source, count), 1 << 20) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            request.Content.Headers.ContentLength = count;
            request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.NoContent)
            {
                throw new InvalidOperationException($"PATCH at {offset} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        return upload;
    }

    private static async Task<(double[] Api, double[] Raw, int WarmUp)> RangesAsync(BenchVault vault, ChildVault api, BlobContainerClient container, HttpClient client, Guid id, int count, CancellationToken cancellationToken)
    {
        var content = await vault.WithDbAsync(db => db.Set<Recording>().Where(r => r.Id == id).Select(r => new { r.Content.BlobName, r.Content.Length }).SingleAsync(cancellationToken));
        var (blobName, length) = (content.BlobName, content.Length);
        var blob = container.GetBlobClient(blobName);
        var random = new Random(20261123);
        var buffer = new byte[1 << 16];
        // One playback session (grant) for the whole series, as a player holds one while seeking.
        using var started = await client.PostAsync($"/api/recordings/{id}/playback", null, cancellationToken);
        started.EnsureSuccessStatusCode();
        var streamUrl = (await started.Content.ReadFromJsonAsync<PlaybackGrantView>(Vault.Testing.VaultApiFactory.JsonOptions, cancellationToken))!.StreamUrl;

        // Warm: both paths until the vault's JIT has nothing left to compile (no new method in 20 ranges), as a vault
        // that has served for a while; tier-0 code and background tier-1 compiles are a start-up cost.
        var (warmed, compiling) = (0, await api.CompiledMethodsAsync(cancellationToken));
        while (warmed < MaxWarmUpRanges)
        {
            for (var i = 0; i < 20; i++)
            {
                await PairAsync(random.NextInt64(0, length - RangeBytes));
            }

            warmed += 20;
            var compiled = await api.CompiledMethodsAsync(cancellationToken);
            if (compiled == compiling)
            {
                break;
            }

            compiling = compiled;
        }

        Console.Error.WriteLine($"[bench]   ranges: the vault's JIT {(warmed < MaxWarmUpRanges ? "settled" : "still compiled")} after {warmed} warm-up ranges");
        List<double> viaApi = [], raw = [];
        var cpu = new ProcessCpu(api.ProcessId);
        for (var i = 0; i < count; i++)
        {
            var (a, r) = await PairAsync(random.NextInt64(0, length - RangeBytes));
            viaApi.Add(a);
            raw.Add(r);
        }

        Console.Error.WriteLine($"[bench]   ranges: the vault's process used {cpu.Milliseconds / count:0.00} ms of CPU per range");
        return ([Stats.Percentile(viaApi, 50), Stats.Percentile(viaApi, 99), cpu.Milliseconds / count], [Stats.Percentile(raw, 50), Stats.Percentile(raw, 99)], warmed);

        // The same 1 MiB through the vault and straight from Azurite, one after the other.
        async Task<(double Api, double Raw)> PairAsync(long offset)
        {
            var throughVault = await Stats.TimeAsync(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, streamUrl);
                request.Headers.Range = new RangeHeaderValue(offset, offset + RangeBytes - 1);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.StatusCode != HttpStatusCode.PartialContent)
                {
                    throw new InvalidOperationException($"range read returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }

                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await DrainAsync(body, buffer, cancellationToken);
            });
            var direct = await Stats.TimeAsync(async () =>
            {
                var response = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(offset, RangeBytes) }, cancellationToken);
                await using var body = response.Value.Content;
                await DrainAsync(body, buffer, cancellationToken);
            });
            return (throughVault, direct);
        }
    }

    private static async Task DrainAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        while (await body.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    /// <summary>Another process's CPU time (user and system) from <c>/proc</c>, since this was made.</summary>
    private sealed class ProcessCpu(int processId)
    {
        private readonly long start = Ticks(processId);

        public double Milliseconds => (Ticks(processId) - start) * 1000.0 / ClockTicksPerSecond;

        /// <summary>USER_HZ, which Linux fixes at 100 for <c>/proc</c>.</summary>
        private const int ClockTicksPerSecond = 100;

        private static long Ticks(int processId)
        {
            // From "state": utime and stime are the 12th and 13th.
            var fields = Vault.Testing.ProcStat.Fields(processId) ?? throw new InvalidOperationException($"Process {processId} is gone.");
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Another process's resident memory from <c>/proc</c>: now, and the peak since the last reset.</summary>
    private sealed class ProcessMemory(int processId)
    {
        public double Rss => Read("VmRSS");

        public double Peak => Read("VmHWM");

        public void ResetPeak() => File.WriteAllText($"/proc/{processId}/clear_refs", "5");

        private double Read(string field)
        {
            var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
    }

    /// <summary>The next <c>count</c> bytes of a stream, without disposing it.</summary>
    private sealed class Slice(Stream inner, long size) : Stream
    {
        private readonly long total = size;
        private long left = size;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => total;

        public override long Position { get => total - left; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int size) => ReadAsync(buffer.AsMemory(offset, size)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (left == 0)
            {
                return 0;
            }

            var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, left)], cancellationToken);
            left -= read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int size) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
        }
    }
}

/// <summary>Real media of a given size: a short ffmpeg-encoded lesson clip, looped by stream copy (cached between runs).</summary>
public static class BenchMedia
{
    /// <summary>The bench's scratch folder (media cache, Azurite data of the upload runs).</summary>
    public static string Folder => Path.Combine(Path.GetTempPath(), "mediavault-bench");

    public static async Task<string> VideoAsync(long bytes, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Folder, "media");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"lesson-{bytes}.mp4");
        if (File.Exists(path))
        {
            return path;
        }

        var clip = Path.Combine(folder, "clip.mp4");
        if (!File.Exists(clip))
        {
            await TestMedia.RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=20", "-f", "lavfi", "-i", "sine=frequency=440:duration=20",
                "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", clip + ".tmp.mp4"]);
            File.Move(clip + ".tmp.mp4", clip);
        }

        var loops = (int)Math.Ceiling((double)bytes / new FileInfo(clip).Length) + 1;
        var temporary = path + ".tmp.mp4";
        await TestMedia.RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-stream_loop", loops.ToString(CultureInfo.InvariantCulture),
            "-i", clip, "-c", "copy", "-fs", bytes.ToString(CultureInfo.InvariantCulture), temporary]);
        File.Move(temporary, path);
        return path;
    }
}
