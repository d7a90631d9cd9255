using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Audit;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Audit;

public sealed class AuditChainTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_changes_produce_one_gap_free_intact_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => vault.CreateSchoolLocationAsync(Arrange.Osr, $"Parallel {i} {Guid.NewGuid():N}")));
        var officer = await vault.CreateUserDirectAsync("FG Instituut", [VaultRoles.PrivacyOfficer]);
        using var client = vault.SignInAs(officer);

        var verification = await (await client.PostAsync("/api/audit/verify", null, Ct)).Content.ReadFromJsonAsync<ChainVerification>(VaultApiFactory.JsonOptions, Ct);
        var sequences = await vault.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(Ct));

        Assert.True(verification!.Intact, verification.Problem);
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.True(sequences.Count >= 8);
    }
}
