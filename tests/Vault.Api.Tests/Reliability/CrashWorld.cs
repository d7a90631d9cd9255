using System.Globalization;
using System.Net.Http.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Audit;
using Vault.Api.Recordings;
using Vault.Api.Storage;
using Vault.Api.Tests.Recordings;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Reliability;

/// <summary>
/// One deployment for crash tests: an in-process vault that arranges and inspects (it runs no rendition worker and no
/// retention schedule) and, next to it, the vault as a separate OS process (<see cref="ChildVault"/>) that a test kills
/// with SIGKILL and starts again. Both share what a restart shares: the SQLite file, the master key file, the
/// containers and queue in the same Azurite, and the Data Protection key ring.
/// </summary>
internal sealed class CrashWorld : IAsyncDisposable
{
    private readonly Dictionary<string, string?> shared;

    private CrashWorld(RecordingsVault vault, Dictionary<string, string?> shared)
    {
        Vault = vault;
        this.shared = shared;
    }

    public RecordingsVault Vault { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<CrashWorld> StartAsync()
    {
        var name = Guid.NewGuid().ToString("N")[..20];
        var shared = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Vault:Storage:RecordingsContainer"] = "rec" + name,
            ["Vault:Audit:CheckpointContainer"] = "audit" + name,
            ["Vault:Storage:DataProtectionContainer"] = "dp" + name,
            ["Vault:Recordings:RenditionQueue"] = "renditions-" + name,
            ["Vault:Recordings:SegmentBytes"] = RecordingsVault.SegmentBytes.ToString(CultureInfo.InvariantCulture),
            ["Vault:Recordings:ProgressCommitBytes"] = RecordingsVault.SegmentBytes.ToString(CultureInfo.InvariantCulture),
            ["Vault:Recordings:MaxUploadBytes"] = (4 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
            // Periodic work ticks daily: the tests call the sweeps themselves, and a fixed clock never ticks anyway.
            ["Vault:Recordings:SweepInterval"] = "1.00:00:00",
            ["Vault:Audit:CheckpointInterval"] = "1.00:00:00",
            ["Vault:Retention:ScheduleEnabled"] = "false",
        };
        var vault = new RecordingsVault();
        foreach (var (key, value) in shared)
        {
            vault.With(key, value);
        }

        vault.With("Vault:Recordings:RunRenditionWorker", "false");
        await vault.InitializeAsync();
        return new CrashWorld(vault, shared);
    }

    /// <summary>
    /// Starts the vault as a child process on the same database, key file and storage, with its clock at
    /// <paramref name="now"/> (default: the in-process vault's) and <paramref name="settings"/> on top.
    /// </summary>
    public Task<ChildVault> StartChildAsync(
        DateTimeOffset? now = null, IReadOnlyDictionary<string, string?>? settings = null, IReadOnlyList<string>? command = null,
        int? pauseDestructionAfterBatches = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var all = Vault.SameDeploymentSettings();
        foreach (var (key, value) in shared.Concat(settings ?? new Dictionary<string, string?>()))
        {
            all[key] = value;
        }

        var spec = new ChildVaultSpec { Settings = all, Now = now ?? Vault.Time.GetUtcNow(), Command = command, PauseDestructionAfterBatches = pauseDestructionAfterBatches };
        return ChildVault.StartAsync(spec, Vault.Azurite, environment, Ct);
    }

    public BlobContainerClient Recordings => Vault.Services.GetRequiredService<EncryptedBlobStore>().Container;

    /// <summary>Every blob name in the recordings container under <paramref name="prefix"/>.</summary>
    public async Task<List<string>> BlobsAsync(string prefix = "")
    {
        var names = new List<string>();
        await foreach (var blob in Recordings.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, Ct))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>The cleanup as the sweeper does it: abandoned uploads, then orphaned blobs seen in two sweeps a day apart.</summary>
    public async Task SweepAsync()
    {
        var sweeper = Vault.Services.GetRequiredService<AbandonedUploadSweeper>();
        await sweeper.SweepAsync(Ct);
        await sweeper.SweepOrphansAsync(Ct);
        Vault.Time.Advance(TimeSpan.FromDays(1));
        await sweeper.SweepOrphansAsync(Ct);
    }

    /// <summary>The Instituut's privacy officer (FG), who may verify the audit chain.</summary>
    public Task<TestUser> CreatePrivacyOfficerAsync() => Vault.CreateUserDirectAsync("FG Instituut", [global::Vault.Shared.Identity.VaultRoles.PrivacyOfficer]);

    /// <summary>The audit chain checked as the privacy officer does (<c>POST /api/audit/verify</c>) through <paramref name="client"/>.</summary>
    public static async Task<ChainVerification> VerifyAuditAsync(HttpClient client)
    {
        var response = await client.PostAsync("/api/audit/verify", null, Ct);
        return (await VaultApiFactory.ReadAsync<ChainVerification>(response))!;
    }

    public async ValueTask DisposeAsync() => await Vault.DisposeAsync();
}

/// <summary>Request content that sends the first <c>sendFirst</c> bytes and then holds the request open until the process at the other end dies.</summary>
internal sealed class HeldOpenContent(byte[] bytes, int sendFirst) : HttpContent
{
    private readonly TaskCompletionSource sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource abandoned = new();

    /// <summary>Completes once the first part is on the wire.</summary>
    public Task Sent => sent.Task;

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        await stream.WriteAsync(bytes.AsMemory(0, sendFirst));
        await stream.FlushAsync();
        sent.TrySetResult();
        await Task.Delay(Timeout.Infinite, abandoned.Token);
    }

    /// <summary>The client gives up on the rest (after the server died).</summary>
    public void Abandon() => abandoned.Cancel();

    protected override void Dispose(bool disposing)
    {
        abandoned.Dispose();
        base.Dispose(disposing);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}

internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; a generous limit only so a broken build does not hang.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int seconds = 180)
    {
        var until = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, $"gave up waiting: {what}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
