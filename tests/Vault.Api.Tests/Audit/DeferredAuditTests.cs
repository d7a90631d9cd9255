using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Audit;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Audit;

/// <summary>
/// Deferred entries (a player's ranges) are written in batches, yet end up exactly like any other entry: each once,
/// in the order recorded, chained without a gap, interleaved correctly with entries committed at once, and visible to
/// the privacy officer's verification without waiting for the next batch.
/// </summary>
public sealed class DeferredAuditTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deferred_entries_land_once_each_in_order_in_one_gap_free_chain_that_verifies()
    {
        var subject = Guid.NewGuid().ToString("N");
        var recorded = new List<string>();
        for (var i = 0; i < 1_200; i++)
        {
            var action = i % 400 == 399 ? AuditActions.PlaybackSession : AuditActions.PlaybackRange;
            recorded.Add(action);
            await vault.WithScopeAsync(async services =>
            {
                var audit = services.GetRequiredService<IAuditTrail>();
                var auditEvent = new AuditEvent(action, "test-recording", subject) { SystemActor = "test", Details = new { i } };
                if (action == AuditActions.PlaybackSession)
                {
                    await audit.FlushDeferredAsync(Ct);
                    await audit.RecordNowAsync(auditEvent, Ct);
                }
                else
                {
                    await audit.RecordDeferredAsync(auditEvent, Ct);
                }
            });
        }

        var officer = await vault.CreateUserDirectAsync("FG Instituut", [VaultRoles.PrivacyOfficer]);
        using var client = vault.SignInAs(officer);
        var verification = await (await client.PostAsync("/api/audit/verify", null, Ct)).Content.ReadFromJsonAsync<ChainVerification>(VaultApiFactory.JsonOptions, Ct);
        var entries = await vault.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == subject)
            .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.DetailsJson }).ToListAsync(Ct));
        var sequences = await vault.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(Ct));

        Assert.True(verification!.Intact, verification.Problem);
        Assert.Equal(recorded, entries.Select(e => e.Action));
        Assert.Equal(Enumerable.Range(0, 1_200).Select(i => $"{{\"i\":{i}}}"), entries.Select(e => e.DetailsJson));
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task Deferred_entries_gather_into_one_commit_until_the_linger_ends_and_a_flush_writes_them_at_once()
    {
        await using var lingering = new VaultApiFactory().With("Vault:Audit:DeferredLinger", "01:00:00");
        await lingering.InitializeAsync();
        var subject = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3; i++)
        {
            await lingering.WithScopeAsync(async services => await services.GetRequiredService<IAuditTrail>()
                .RecordDeferredAsync(new AuditEvent(AuditActions.PlaybackRange, "test-recording", subject) { SystemActor = "test", Details = new { i } }, Ct));
        }

        // An hour's linger: the writer holds the batch (it committed at once before group commits).
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        var beforeFlush = await lingering.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == subject, Ct));
        await lingering.Services.GetRequiredService<DeferredAudit>().FlushAsync(Ct);
        var written = await lingering.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == subject)
            .OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(Ct));

        Assert.Equal(0, beforeFlush);
        Assert.Equal(3, written.Count);
        Assert.Equal(written[0] + 2, written[2]); // one batch: consecutive in the chain
    }
}
