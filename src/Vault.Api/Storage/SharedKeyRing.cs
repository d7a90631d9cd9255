using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Vault.Api.Hosting;

namespace Vault.Api.Storage;

/// <summary>
/// The ASP.NET Core Data Protection key ring (sign-in cookies, antiforgery tokens, OpenID Connect state) is kept
/// in Blob Storage so that every instance of the vault can read what any other instance wrote: a user signed in
/// through one API replica stays signed in on the next. Locally that is Azurite; in Azure the storage account,
/// reached with the API's managed identity and private to it.
/// </summary>
public static class SharedKeyRing
{
    public static IServiceCollection AddVaultKeyRing(this IServiceCollection services, StorageOptions storage)
    {
        services.AddDataProtection().SetApplicationName(VaultHost.ServiceName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new BlobXmlRepository(
                provider.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(storage.DataProtectionContainer))));
        return services;
    }
}

/// <summary>
/// One blob per key under <c>keys/</c>, never overwritten (Data Protection only ever adds keys and revocations).
/// The interface is synchronous; the key ring is read once and cached for hours, so the blocking calls are rare.
/// </summary>
internal sealed class BlobXmlRepository(BlobContainerClient container) : IXmlRepository
{
    private const string Prefix = "keys/";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            return container.GetBlobs(BlobTraits.None, BlobStates.None, Prefix, CancellationToken.None)
                .Select(item => XElement.Parse(container.GetBlobClient(item.Name).DownloadContent().Value.Content.ToString()))
                .ToList();
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return [];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        // In Azure the container exists (infra creates it; the API may not create containers); locally Azurite starts empty.
        if (!container.Exists())
        {
            container.CreateIfNotExists();
        }

        var name = $"{Prefix}{friendlyName}-{Guid.NewGuid():N}.xml";
        container.GetBlobClient(name).Upload(BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)), overwrite: false);
    }
}
