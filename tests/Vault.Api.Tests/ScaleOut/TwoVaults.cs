using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Tests.Recordings;

namespace Vault.Api.Tests.ScaleOut;

/// <summary>
/// Two instances of one deployment, each a full vault host on its own Kestrel port with its own DI container,
/// connection pool, caches and background services (rendition worker, retention, audit checkpoints), sharing
/// what a scaled-out deployment shares: one database (the same SQLite file, WAL), the master key, the recordings
/// and audit-checkpoint containers, the Data Protection key ring and the media-jobs queue in one Azurite.
/// Instance A migrates the database; B does not (production applies the migration script as a deployment step).
/// Both clocks are moved together.
/// </summary>
internal sealed class TwoVaults : IAsyncDisposable
{
    private TwoVaults(RecordingsVault a, RecordingsVault b)
    {
        A = a;
        B = b;
    }

    public RecordingsVault A { get; }

    public RecordingsVault B { get; }

    public RecordingsVault[] Both => [A, B];

    public static async Task<TwoVaults> StartAsync()
    {
        var shared = Guid.NewGuid().ToString("N")[..20];
        var a = Configure(new RecordingsVault(), shared);
        await a.InitializeAsync();
        var b = Configure(new RecordingsVault(), shared)
            .With("Vault:Database:ConnectionString", $"Data Source={a.DatabaseFile}")
            .With("Vault:Database:MigrateOnStart", "false")
            .With("Vault:Keys:KeyFile", a.KeyFile);
        b.Time.SetUtcNow(a.Time.GetUtcNow());
        try
        {
            await b.InitializeAsync();
        }
        catch
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            throw;
        }

        return new TwoVaults(a, (RecordingsVault)b);
    }

    private static RecordingsVault Configure(RecordingsVault vault, string shared)
    {
        vault.With("Vault:Storage:RecordingsContainer", "rec" + shared)
            .With("Vault:Audit:CheckpointContainer", "audit" + shared)
            .With("Vault:Storage:DataProtectionContainer", "dp" + shared)
            .With("Vault:Recordings:RenditionQueue", "renditions-" + shared)
            .With("Vault:Retention:ScheduleEnabled", "false");
        return vault;
    }

    /// <summary>Both clocks to <paramref name="now"/>, as one wall clock would be.</summary>
    public void SetTime(DateTimeOffset now)
    {
        A.Time.SetUtcNow(now);
        B.Time.SetUtcNow(now);
    }

    public async ValueTask DisposeAsync()
    {
        // B first: it uses A's data directory, which A removes when it is disposed.
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}

/// <summary>Counts one instance's measurements of a counter (each host has its own <see cref="IMeterFactory"/>).</summary>
internal sealed class InstanceCounter : IDisposable
{
    private readonly MeterListener listener = new();
    private long total;

    public InstanceCounter(IServiceProvider services, string instrument)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Name == instrument && ReferenceEquals(i.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref total, value));
        listener.Start();
    }

    public long Total => Interlocked.Read(ref total);

    public void Dispose() => listener.Dispose();
}
