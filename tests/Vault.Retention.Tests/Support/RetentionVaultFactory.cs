using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vault.Retention.Ports;
using Vault.Shared.Time;
using Vault.Testing;

namespace Vault.Retention.Tests.Support;

/// <summary>
/// The real vault (Kestrel, SQLite, the module's own database tables, lease and runs) with the
/// <see cref="InMemoryRetentionCatalog"/> test double standing in for the recordings feature. The daily
/// background service is off unless a test turns it on, so tests drive the day's work themselves.
/// </summary>
public sealed class RetentionVaultFactory : VaultApiFactory
{
    public RetentionVaultFactory()
        : this(new InMemoryRetentionCatalog())
    {
    }

    /// <summary>A vault that shares <paramref name="catalog"/> with another (two instances of one deployment).</summary>
    internal RetentionVaultFactory(InMemoryRetentionCatalog catalog)
    {
        Catalog = catalog;
        With("Vault:Retention:ScheduleEnabled", "false");

        // Tests jump the clock by months; FakeTimeProvider replays every elapsed period of a periodic timer inside
        // SetUtcNow (a 5-minute sweep over ten months is ~85,000 callbacks), so periodic background work ticks daily.
        With("Vault:Recordings:SweepInterval", "1.00:00:00");
        With("Vault:Audit:CheckpointInterval", "1.00:00:00");
    }

    public InMemoryRetentionCatalog Catalog { get; }

    /// <summary>A factory started with the clock at <paramref name="day"/> 03:00 Amsterdam (dispose it).</summary>
    public static async Task<RetentionVaultFactory> StartAsync(DateOnly day, Action<RetentionVaultFactory>? configure = null, InMemoryRetentionCatalog? catalog = null)
    {
        var vault = catalog is null ? new RetentionVaultFactory() : new RetentionVaultFactory(catalog);
        configure?.Invoke(vault);
        await vault.InitializeAsync();
        var morning = SchoolCalendar.FromAmsterdam(day, new TimeOnly(3, 0));
        if (vault.Time.GetUtcNow() < morning)
        {
            vault.Time.SetUtcNow(morning);
        }

        return vault;
    }

    /// <summary>Moves the clock forward to <paramref name="day"/> at <paramref name="hour"/>:00 in Amsterdam.</summary>
    public void SetToday(DateOnly day, int hour = 3) => Time.SetUtcNow(SchoolCalendar.FromAmsterdam(day, new TimeOnly(hour, 0)));

    /// <summary>A second instance of this vault: its own host and clock, the same database file and catalogue.</summary>
    public Task<RetentionVaultFactory> StartSecondInstanceAsync(Action<RetentionVaultFactory>? configure = null) =>
        StartAsync(DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime), v =>
        {
            v.With("Vault:Database:ConnectionString", $"Data Source={DatabaseFile}");

            // Instances of one vault share its master key (in production: the Key Vault secret).
            v.With("Vault:Keys:KeyFile", KeyFile);
            v.Time.SetUtcNow(Time.GetUtcNow());
            configure?.Invoke(v);
        }, Catalog);

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IRetentionCatalog>(Catalog));
    }
}
