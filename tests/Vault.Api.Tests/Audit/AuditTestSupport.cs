using System.Net.Http.Json;
using Azure.Storage.Blobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vault.Api.Audit;
using Vault.Api.Organisations;
using Vault.Shared.Commands;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Audit;

/// <summary>Small helpers for the audit tests: the log's head, the operator command, the checkpoint blobs.</summary>
internal static class AuditTestSupport
{
    public static async Task<long> HeadAsync(this VaultApiFactory vault) =>
        await vault.WithDbAsync(db => db.AuditEntries.MaxAsync(e => (long?)e.Sequence)) ?? 0;

    public static async Task<(int ExitCode, string Output)> RunCommandAsync(this VaultApiFactory vault, params string[] words)
    {
        var exit = -1;
        using var output = new StringWriter();
        await vault.WithScopeAsync(async services =>
        {
            var commands = services.GetServices<IVaultCommand>().ToList();
            var command = commands.Single(c => c.Words.SequenceEqual(words.Take(c.Words.Count)) && c.Words.Count <= words.Length);
            exit = await command.RunAsync([.. words.Skip(command.Words.Count)], output, TestContext.Current.CancellationToken);
        });
        return (exit, output.ToString());
    }

    public static async Task<ChainVerification> VerifyThroughApiAsync(this VaultApiFactory vault, TestUser privacyOfficer)
    {
        using var client = vault.SignInAs(privacyOfficer);
        var response = await client.PostAsync("/api/audit/verify", null, TestContext.Current.CancellationToken);
        return await VaultApiFactory.ReadAsync<ChainVerification>(response);
    }

    public static BlobContainerClient CheckpointContainer(this VaultApiFactory vault)
    {
        var name = vault.Services.GetRequiredService<IOptions<AuditOptions>>().Value.CheckpointContainer;
        return new BlobServiceClient(vault.Azurite.ConnectionString).GetBlobContainerClient(name);
    }

    /// <summary>A few real, audited changes made through the API (policy changes of an opleidingsschool).</summary>
    public static async Task ChangePolicyAsync(this VaultApiFactory vault, Guid opleidingsschoolId, int times = 1, TestUser? asUser = null)
    {
        using var admin = vault.SignInAs(asUser ?? vault.Admin);
        for (var i = 0; i < times; i++)
        {
            var school = await admin.GetFromJsonAsync<OpleidingsschoolView>($"/api/opleidingsscholen/{opleidingsschoolId}", VaultApiFactory.JsonOptions, TestContext.Current.CancellationToken);
            var policy = school!.Policy;
            var response = await admin.PutAsJsonAsync($"/api/opleidingsscholen/{opleidingsschoolId}/policy",
                new UpdatePolicyRequest(policy.ClosedEnvironmentRules, policy.RequiredRecordingsPerPlacement, !policy.OfferSoundOnlyFallback, policy.WithdrawalReviewDays % 90 + 1, school.Version),
                VaultApiFactory.JsonOptions, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }

    public static Task<TestUser> CreateInstituutPrivacyOfficerAsync(this VaultApiFactory vault) =>
        vault.CreatePersonAsync("FG Instituut " + Guid.NewGuid().ToString("N")[..4], VaultRoles.PrivacyOfficer);

    public static Task<TestUser> CreateSchoolPrivacyOfficerAsync(this VaultApiFactory vault, Guid opleidingsschoolId) =>
        vault.CreatePersonAsync("FG school " + Guid.NewGuid().ToString("N")[..4], VaultRoles.PrivacyOfficer, opleidingsschoolId: opleidingsschoolId);
}
