using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Vault.Testing;

namespace Vault.Bench;

/// <summary>
/// The real vault (Release build of Vault.Api) on Kestrel at 127.0.0.1 with the bench's own Azurite and data
/// directory: the test host, with the rendition worker off so no ffmpeg transcode competes with what is measured,
/// and a known recordings container so baselines can read and write the very same blobs.
/// </summary>
public sealed class BenchVault : VaultApiFactory
{
    private readonly string queue;

    public BenchVault(string? dataDirectory = null)
    {
        Container = "bench" + Guid.NewGuid().ToString("N")[..20];
        With("Vault:Recordings:RunRenditionWorker", "false");
        // MEDIAVAULT_BENCH_LOG=Warning (or Error) shows the vault's own log when a figure fails.
        With("Logging:LogLevel:Default", Environment.GetEnvironmentVariable("MEDIAVAULT_BENCH_LOG") ?? "None");
        queue = "bench-" + Guid.NewGuid().ToString("N")[..16];
        With("Vault:Recordings:RenditionQueue", queue);
        With("Vault:Storage:RecordingsContainer", Container);
        With("Vault:Storage:DataProtectionContainer", "dp" + Container);
        With("Vault:Audit:CheckpointContainer", "audit" + Container);
        if (dataDirectory is not null)
        {
            With("Vault:DataDirectory", dataDirectory);
        }
    }

    public string Container { get; }

    /// <summary>What a <see cref="ChildVault"/> needs to be this vault as a separate process: the same database, key file, containers and queue.</summary>
    public Dictionary<string, string?> ChildSettings() => new(StringComparer.Ordinal)
    {
        ["Vault:Database:ConnectionString"] = $"Data Source={DatabaseFile()}",
        ["Vault:Database:MigrateOnStart"] = "false",
        ["Vault:Keys:KeyFile"] = Path.Combine(DataDirectory, "master.key"),
        ["Vault:Recordings:RunRenditionWorker"] = "false",
        ["Vault:Recordings:RenditionQueue"] = queue,
        ["Vault:Storage:RecordingsContainer"] = Container,
        ["Vault:Storage:DataProtectionContainer"] = "dp" + Container,
        ["Vault:Audit:CheckpointContainer"] = "audit" + Container,
        ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("MEDIAVAULT_BENCH_LOG") ?? "None",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // Outside a test project there is no MVC testing manifest: the API's own folder is its content root.
        builder.UseContentRoot(Path.Combine(RepositoryRoot.Path, "src", "Vault.Api"));
    }

    public string DatabaseFile(string? dataDirectory = null) => Path.Combine(dataDirectory ?? DataDirectory, "vault.db");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}

public static class BenchText
{
    public static string Mb(double bytesPerSecond) => $"{bytesPerSecond / 1024 / 1024:0.0}";
}
