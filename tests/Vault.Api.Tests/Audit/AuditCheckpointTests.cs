using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vault.Api.Audit;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Audit;

public sealed class AuditCheckpointTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    [Fact]
    public async Task The_head_of_the_chain_is_checkpointed_to_an_append_blob_every_interval()
    {
        var interval = vault.Services.GetRequiredService<IOptions<AuditOptions>>().Value.CheckpointInterval;
        await vault.ChangePolicyAsync(Arrange.Osr, times: 2);
        var head = await vault.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstAsync(TestContext.Current.CancellationToken));
        var container = vault.CheckpointContainer();
        var blobName = AuditCheckpointStore.BlobName(vault.Time.GetUtcNow());

        // The service runs on the vault's (fake) clock: move it on by one interval until the new head appears.
        string? content = null;
        for (var attempt = 0; attempt < 50 && (content is null || !content.Contains($" {head.Sequence} {head.Hash}\n", StringComparison.Ordinal)); attempt++)
        {
            vault.Time.Advance(interval);
            await Task.Delay(100, TestContext.Current.CancellationToken);
            var blob = container.GetBlobClient(blobName);
            content = await blob.ExistsAsync(TestContext.Current.CancellationToken) ? (await blob.DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content.ToString() : null;
        }

        var properties = await container.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(BlobType.Append, properties.Value.BlobType);
        Assert.NotNull(content);
        Assert.Contains($" {head.Sequence} {head.Hash}\n", content, StringComparison.Ordinal);
        Assert.All(content.TrimEnd('\n').Split('\n'), line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z \d+ [0-9a-f]{64}$", line));
    }

    [Fact]
    public async Task A_malformed_checkpoint_line_makes_verification_fail()
    {
        var fg = await vault.CreateInstituutPrivacyOfficerAsync();
        await using var other = new VaultApiFactory();
        await other.InitializeAsync();
        var otherFg = await other.CreateInstituutPrivacyOfficerAsync();
        Assert.Equal(0, (await other.RunCommandAsync("audit", "verify")).ExitCode);
        var blob = other.CheckpointContainer().GetAppendBlobClient(AuditCheckpointStore.BlobName(other.Time.GetUtcNow()));
        using var garbage = new MemoryStream("gewijzigd door iemand\n"u8.ToArray());
        await blob.AppendBlockAsync(garbage, cancellationToken: TestContext.Current.CancellationToken);

        var result = await other.VerifyThroughApiAsync(otherFg);

        Assert.False(result.Intact);
        Assert.Contains("onleesbaar", result.Problem, StringComparison.Ordinal);
        Assert.True((await vault.VerifyThroughApiAsync(fg)).Intact);
    }
}
