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
    {
        With("Vault:Retention:ScheduleEnabled", "false");
    }

    public InMemoryRetentionCatalog Catalog { get; } = new();

    /// <summary>A factory started with the clock at <paramref name="day"/> 03:00 Amsterdam (dispose it).</summary>
    public static async Task<RetentionVaultFactory> StartAsync(DateOnly day, Action<RetentionVaultFactory>? configure = null)
    {
        var vault = new RetentionVaultFactory();
        configure?.Invoke(vault);
        await vault.InitializeAsync();
        vault.SetToday(day);
        return vault;
    }

    /// <summary>Moves the clock forward to <paramref name="day"/> at <paramref name="hour"/>:00 in Amsterdam.</summary>
    public void SetToday(DateOnly day, int hour = 3) => Time.SetUtcNow(SchoolCalendar.FromAmsterdam(day, new TimeOnly(hour, 0)));

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
