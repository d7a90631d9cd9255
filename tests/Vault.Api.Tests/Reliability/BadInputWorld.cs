using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Azure.Storage.Blobs.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Audit;
using Vault.Api.Recordings;
using Vault.Api.Storage;
using Vault.Api.Tests.Recordings;
using Vault.Consent.Gate;
using Vault.Consent.Registry;
using Vault.Shared.Auditing;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Reliability;

/// <summary>
/// What the bad-input catalogue arranges once per class: a placement with a class that has consent, an upload
/// ticket, a stored recording, and a placement at another school. Each case adds only what it needs.
/// </summary>
public sealed class BadInputWorld(RecordingsVault vault)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool ready;

    public RecordingsVault Vault => vault;

    public PlacementWorld World { get; private set; } = null!;

    public ClassWorld Klas { get; private set; } = null!;

    public Guid Ticket { get; private set; }

    public RecordingView Recording { get; private set; } = null!;

    /// <summary>The ticket the stored recording redeemed.</summary>
    public Guid UsedTicket { get; private set; }

    public PlacementWorld OtherSchool { get; private set; } = null!;

    public ClassWorld OtherKlas { get; private set; } = null!;

    public byte[] Media { get; private set; } = [];

    public async Task EnsureAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (ready)
            {
                return;
            }

            World = await vault.CreatePlacementAsync();
            OtherSchool = await vault.CreatePlacementAsync();
            OtherKlas = await vault.CreateClassAsync(OtherSchool, pupils: 1);
            Media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 2, name: "catalogue.mp4"));
            var stored = await vault.UploadAsync(World, Media);
            Recording = await VaultApiFactory.ReadAsync<RecordingView>(stored);
            UsedTicket = await vault.WithDbAsync(db => db.Set<Recording>().Where(r => r.Id == Recording.Id).Select(r => r.TicketId).SingleAsync());
            Ticket = await vault.GetUploadTicketAsync(World);
            Klas = vault.Classes[Ticket];
            ready = true;
        }
        finally
        {
            gate.Release();
        }
    }

    public HttpClient Student() => vault.SignInAs(World.Student);

    public HttpClient ConsentAdmin() => vault.SignInAs(Klas.ConsentAdmin);

    /// <summary>A started upload of the world's student; the bytes (if any) already sent.</summary>
    public async Task<UploadView> StartedUploadAsync(byte[] bytes, string name = "les.mp4")
    {
        using var client = Student();
        var upload = await RecordingsVault.StartUploadAsync(client, Ticket, bytes.Length, name);
        if (bytes.Length > 0)
        {
            var append = await RecordingsVault.AppendAsync(client, upload.Id, 0, RecordingsVault.Octets(bytes));
            append.EnsureSuccessStatusCode();
        }

        return upload;
    }

    public static HttpRequestMessage Json(HttpMethod method, string url, string json) =>
        new(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpRequestMessage Json<T>(HttpMethod method, string url, T body) =>
        new(method, url) { Content = JsonContent.Create(body, options: VaultApiFactory.JsonOptions) };

    public static HttpRequestMessage Patch(Guid upload, HttpContent content, long? offset = 0)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/recordings/uploads/{upload}") { Content = content };
        if (offset is { } o)
        {
            request.Headers.Add("Upload-Offset", o.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return request;
    }

    public static ByteArrayContent Csv(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    /// <summary>Everything that would count as "stored": rows of every kind a bad request could add, and blobs.</summary>
    public async Task<Stored> CountAsync()
    {
        // As every reader of the audit log does: what earlier requests queued (a player's ranges, committed in groups)
        // is written first, so that it is not counted as this request's.
        await vault.Services.GetRequiredService<Vault.Api.Audit.DeferredAudit>().FlushAsync(TestContext.Current.CancellationToken);
        var rows = await vault.WithDbAsync(async db => new Stored(
            await db.Set<Recording>().CountAsync(),
            await db.Set<UploadSession>().CountAsync(),
            await db.Set<UploadSession>().CountAsync(u => u.Status == UploadStatus.Open),
            await db.Set<Pupil>().CountAsync(),
            await db.Set<Group>().CountAsync(),
            await db.Set<GroupMembership>().CountAsync(),
            await db.Set<ConsentRecord>().CountAsync(),
            await db.Set<GateDecision>().CountAsync(d => d.Allowed),
            await db.Set<AuditEntry>().CountAsync(a => !RefusalActions.Contains(a.Action)),
            0));
        var container = vault.Services.GetRequiredService<EncryptedBlobStore>().Container;
        var blobs = 0;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, TestContext.Current.CancellationToken))
        {
            blobs += blob.Name.Length > 0 ? 1 : 0;
        }

        return rows with { Blobs = blobs };
    }

    /// <summary>Refusals are audited on purpose (who tried what); they store nothing else.</summary>
    private static readonly string[] RefusalActions = [AuditActions.UploadRefused, AuditActions.GateRefused, AuditActions.GateRecheckRefused, AuditActions.SignIn];

    public sealed record Stored(int Recordings, int Uploads, int OpenUploads, int Pupils, int Groups, int Memberships, int Consents, int Tickets, int Audit, int Blobs);
}
