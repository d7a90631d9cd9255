using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Hosting;
using Vault.Api.Storage;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Hosting;

/// <summary>Scale-out: what one instance protects (a sign-in cookie, an antiforgery token) another instance can read.</summary>
public sealed class SharedKeyRingTests
{
    [Fact]
    public async Task A_cookie_protected_by_one_instance_is_read_by_another_through_the_shared_key_ring()
    {
        var azurite = await Azurite.SharedAsync();
        var container = "data-protection-" + Guid.NewGuid().ToString("N")[..12];
        await using var first = Instance(azurite, container);
        await using var second = Instance(azurite, container);

        var protectedCookie = Protector(first).Protect("persoon 42");

        Assert.Equal("persoon 42", Protector(second).Unprotect(protectedCookie));
        var blobs = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, "keys/", TestContext.Current.CancellationToken);
        Assert.NotEmpty(await blobs.ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_instance_with_another_key_ring_cannot_read_the_cookie()
    {
        var azurite = await Azurite.SharedAsync();
        await using var first = Instance(azurite, "data-protection-" + Guid.NewGuid().ToString("N")[..12]);
        await using var stranger = Instance(azurite, "data-protection-" + Guid.NewGuid().ToString("N")[..12]);

        var protectedCookie = Protector(first).Protect("persoon 42");

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector(stranger).Unprotect(protectedCookie));
    }

    /// <summary>The Data Protection part of one vault instance: its own service provider, nothing shared in memory.</summary>
    private static ServiceProvider Instance(Azurite azurite, string container)
    {
        var storage = new StorageOptions { ConnectionString = azurite.ConnectionString, DataProtectionContainer = container };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVaultStorage(storage);
        services.AddVaultKeyRing(storage);
        return services.BuildServiceProvider();
    }

    private static IDataProtector Protector(ServiceProvider instance) =>
        instance.GetRequiredService<IDataProtectionProvider>().CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", "Cookies", "v2");
}
