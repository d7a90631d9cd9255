using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Recordings;
using Vault.Consent.Gate;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

/// <summary>
/// The vault with a stand-in upload gate (until Vault.Consent's real gate is merged) and small staging segments,
/// so that uploads of test-sized media span several encrypted segments.
/// </summary>
public sealed class RecordingsVault : VaultApiFactory
{
    public const int SegmentBytes = 64 * 1024;

    public RecordingsVault()
    {
        With("Vault:Recordings:SegmentBytes", SegmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With("Vault:Recordings:SweepInterval", "00:01:00");
        // Every test host shares one Azurite: a queue of its own, so no other host's worker takes its jobs.
        With("Vault:Recordings:RenditionQueue", "renditions-" + Guid.NewGuid().ToString("N")[..16]);
        With("Vault:Recordings:MaxUploadBytes", (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public StandInUploadGate Gate { get; } = new();

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mediavault-tests", "media-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Gate.Time = Time;
        builder.ConfigureTestServices(services => services.AddSingleton<IUploadGate>(Gate));
    }

    /// <summary>
    /// The one place a test gets permission to upload. After Vault.Consent is merged this asks the real gate
    /// (consents registered, question asked through its API) instead of the stand-in.
    /// </summary>
    public Task<Guid> GetUploadTicketAsync(PlacementWorld world, RecordingMedia media = RecordingMedia.BeeldEnGeluid, CaptureMode capture = CaptureMode.DeviceFile) =>
        Task.FromResult(Gate.Issue(world, media, capture));

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

/// <summary>A small in-memory upload gate: tickets for a placement's student, a switch to refuse at re-check.</summary>
public sealed class StandInUploadGate : IUploadGate
{
    private readonly ConcurrentDictionary<Guid, UploadTicket> tickets = new();

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Tickets whose question the gate now answers "no" (a consent withdrawn meanwhile).</summary>
    public ConcurrentDictionary<Guid, bool> Withdrawn { get; } = new();

    public Guid Issue(PlacementWorld world, RecordingMedia media, CaptureMode capture)
    {
        var id = Guid.NewGuid();
        tickets[id] = new UploadTicket(id, Guid.NewGuid(), world.Placement.Id, world.Student.Id, world.SchoolLocationId, world.Placement.OpleidingsschoolId,
            Time.GetUtcNow(), media, RecordingPurpose.Begeleiding, capture, [Guid.NewGuid()], Time.GetUtcNow().AddDays(2), null);
        return id;
    }

    public Task<TicketValidation> ValidateTicketAsync(Guid ticketId, Guid studentId, CaptureMode capture, CancellationToken cancellationToken)
    {
        var problem = !tickets.TryGetValue(ticketId, out var ticket) ? TicketProblem.NotFound
            : ticket.StudentId != studentId ? TicketProblem.NotYours
            : ticket.ExpiresAt <= Time.GetUtcNow() ? TicketProblem.Expired
            : ticket.RedeemedByRecordingId is not null ? TicketProblem.AlreadyUsed
            : ticket.Capture != capture ? TicketProblem.WrongCaptureMode
            : TicketProblem.None;
        return Task.FromResult(new TicketValidation(problem == TicketProblem.None ? ticket : null, problem));
    }

    public Task<GateRecheck> RecheckAsync(Guid ticketId, CancellationToken cancellationToken) =>
        Task.FromResult(Withdrawn.ContainsKey(ticketId)
            ? new GateRecheck(false, [new GateReason("R4", "consent-withdrawn", "Toestemming ingetrokken", "Consent withdrawn", [])])
            : new GateRecheck(true, []));

    public Task RedeemAsync(Guid ticketId, Guid recordingId, CancellationToken cancellationToken)
    {
        tickets[ticketId] = tickets[ticketId] with { RedeemedByRecordingId = recordingId };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Guid>> RecordingsWithPupilAsync(Guid pupilId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. tickets.Values.Where(t => t.PresentPupilIds.Contains(pupilId) && t.RedeemedByRecordingId is not null).Select(t => t.RedeemedByRecordingId!.Value)]);
}
