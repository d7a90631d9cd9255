using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vault.Api.Data;
using Vault.Api.Recordings;
using Vault.Consent.Gate;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

/// <summary>
/// The vault with its real upload gate and small staging segments, so that uploads of test-sized media span
/// several encrypted segments. Tickets come from the gate's API after a class with consent is arranged.
/// </summary>
public class RecordingsVault : VaultApiFactory
{
    public const int SegmentBytes = 64 * 1024;

    public RecordingsVault()
    {
        With("Vault:Recordings:SegmentBytes", SegmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With("Vault:Recordings:SweepInterval", "00:01:00");
        // Progress is committed per segment here, so a test can watch it grow during one request.
        With("Vault:Recordings:ProgressCommitBytes", SegmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Every test host shares one Azurite: a queue of its own, so no other host's worker takes its jobs.
        With("Vault:Recordings:RenditionQueue", "renditions-" + Guid.NewGuid().ToString("N")[..16]);
        With("Vault:Recordings:MaxUploadBytes", (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The class (consent administrator, pupils) behind each ticket, so a test can withdraw a consent for real.</summary>
    public ConcurrentDictionary<Guid, ClassWorld> Classes { get; } = new();

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mediavault-tests", "media-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
    }

    /// <summary>
    /// For fixtures that watch or break the vault's dependencies: a storage client against the same Azurite with
    /// <paramref name="storage"/> applied to its options (pipeline policies, retries), and <paramref name="database"/>
    /// on the database context.
    /// </summary>
    protected void ReplaceDependencies(IWebHostBuilder builder, Action<BlobClientOptions> storage, IInterceptor database) =>
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<BlobServiceClient>();
            services.AddSingleton(_ =>
            {
                var options = new BlobClientOptions();
                storage(options);
                return new BlobServiceClient(Azurite.ConnectionString, options);
            });
            services.ConfigureDbContext<SqliteVaultDbContext>(o => o.AddInterceptors(database));
        });

    /// <summary>
    /// The one place a test gets permission to upload: a class with consent at the placement's school, and the
    /// question asked through the gate's API as the student.
    /// </summary>
    public async Task<Guid> GetUploadTicketAsync(PlacementWorld world, RecordingMedia media = RecordingMedia.BeeldEnGeluid, CaptureMode capture = CaptureMode.DeviceFile)
    {
        var klas = await this.CreateClassAsync(world, pupils: 2);
        if (capture == CaptureMode.ClosedEnvironment)
        {
            await this.AcceptRegulationIfMissingAsync(world.Student);
        }

        var response = await this.AskGateAsync(world.Student, this.Question(klas, capture, media, informed: Vault.Consent.Gate.InformedHow.Mondeling));
        var ticket = (await ReadAsync<Vault.Consent.Gate.DecisionView>(response)).Ticket.TicketId;
        Classes[ticket] = klas;
        return ticket;
    }

    /// <summary>Starts an upload; returns the upload's id.</summary>
    public static async Task<UploadView> StartUploadAsync(HttpClient client, Guid ticket, long? size, string name = "les.mp4")
    {
        var response = await client.PostAsJsonAsync("/api/recordings/uploads", new StartUploadRequest(ticket, name, size), JsonOptions, TestContext.Current.CancellationToken);
        return await ReadAsync<UploadView>(response);
    }

    public static async Task<HttpResponseMessage> AppendAsync(HttpClient client, Guid upload, long offset, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/recordings/uploads/{upload}") { Content = content };
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> CompleteAsync(HttpClient client, Guid upload) =>
        client.PostAsync($"/api/recordings/uploads/{upload}/complete", null, TestContext.Current.CancellationToken);

    /// <summary>Uploads <paramref name="bytes"/> in one request and completes; returns the completion response.</summary>
    public async Task<HttpResponseMessage> UploadAsync(PlacementWorld world, byte[] bytes, RecordingMedia media = RecordingMedia.BeeldEnGeluid, string name = "les.mp4")
    {
        using var client = SignInAs(world.Student);
        var ticket = await GetUploadTicketAsync(world, media);
        var upload = await StartUploadAsync(client, ticket, bytes.Length, name);
        if (bytes.Length > 0)
        {
            var append = await AppendAsync(client, upload.Id, 0, Octets(bytes));
            Assert.Equal(HttpStatusCode.NoContent, append.StatusCode);
        }

        var response = await CompleteAsync(client, upload.Id);
        response.Headers.TryAddWithoutValidation("X-Test-Upload", upload.Id.ToString());
        return response;
    }

    public async Task<RecordingView> UploadRecordingAsync(PlacementWorld world, byte[] bytes, RecordingMedia media = RecordingMedia.BeeldEnGeluid) =>
        await ReadAsync<RecordingView>(await UploadAsync(world, bytes, media));

    public static ByteArrayContent Octets(byte[] bytes, int offset = 0, int? count = null)
    {
        var content = new ByteArrayContent(bytes, offset, count ?? bytes.Length - offset);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        return content;
    }

    public static async Task<JsonElement> ProbeAsync(byte[] media)
    {
        var file = Path.Combine(Path.GetTempPath(), "mediavault-tests", Guid.NewGuid().ToString("N") + ".bin");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, media);
        try
        {
            var json = await TestMedia.RunAsync("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file]);
            return JsonDocument.Parse(json).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
