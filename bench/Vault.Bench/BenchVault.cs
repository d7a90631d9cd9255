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
    /// <summary>The settings this vault is made with that a child process of it must share (containers, queue, logging).</summary>
    private readonly Dictionary<string, string?> shared;

    public BenchVault(string? dataDirectory = null)
    {
        Container = "bench" + Guid.NewGuid().ToString("N")[..20];
        shared = new(StringComparer.Ordinal)
        {
            // MEDIAVAULT_BENCH_LOG=Warning (or Error) shows the vault's own log when a figure fails.
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("MEDIAVAULT_BENCH_LOG") ?? "None",
            ["Vault:Recordings:RenditionQueue"] = "bench-" + Guid.NewGuid().ToString("N")[..16],
            ["Vault:Storage:RecordingsContainer"] = Container,
            ["Vault:Storage:DataProtectionContainer"] = "dp" + Container,
            ["Vault:Audit:CheckpointContainer"] = "audit" + Container,
        };
        With("Vault:Recordings:RunRenditionWorker", "false");
        foreach (var (key, value) in shared)
        {
            With(key, value);
        }

        if (dataDirectory is not null)
        {
            With("Vault:DataDirectory", dataDirectory);
        }
    }

    public string Container { get; }

    /// <summary>What a <see cref="ChildVault"/> needs to be this vault as a separate process: the same database, key file, containers and queue.</summary>
    public Dictionary<string, string?> ChildSettings()
    {
        var settings = SameDeploymentSettings();
        foreach (var (key, value) in shared)
        {
            settings[key] = value;
        }

        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // Outside a test project there is no MVC testing manifest: the API's own folder is its content root.
        builder.UseContentRoot(Path.Combine(RepositoryRoot.Path, "src", "Vault.Api"));
    }

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
