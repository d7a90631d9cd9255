using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vault.Api.Storage;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Hosting;

public sealed class VaultKeyRingTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    [Fact]
    public void The_vault_keeps_its_data_protection_keys_in_blob_storage_not_on_the_instance_disk()
    {
        var options = vault.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;

        Assert.IsType<BlobXmlRepository>(options.XmlRepository);
    }
}
