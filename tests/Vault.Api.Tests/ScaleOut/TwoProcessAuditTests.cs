using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Tests.Reliability;
using Vault.Consent.Gate;
using Vault.Shared.Auditing;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.ScaleOut;

/// <summary>
/// Two vault processes appending to one audit chain at the same moment. In-process instances share the chain's
/// process-wide gate (<see cref="TwoInstanceTests"/>); separate processes do not, so here two writers really race for
/// the same sequence number, and the loser must chain again after the winner's entry: no gap, no fork, nothing lost.
/// </summary>
public sealed class TwoProcessAuditTests
{
    private const int PerWriter = 15;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_vault_processes_deciding_at_once_keep_one_gap_free_audit_chain_with_every_decision_in_it()
    {
        await using var world = await CrashWorld.StartAsync();
        var vault = world.Vault;
        var placement = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(placement, pupils: 4);
        var question = vault.Question(klas);
        var before = await vault.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.GateAllowed, Ct));

        await using var first = await world.StartChildAsync();
        await using var second = await world.StartChildAsync();
        using var one = first.SignInAs(placement.Student);
        using var other = second.SignInAs(placement.Student);
        var answers = await Task.WhenAll(
            from client in new[] { one, other, one, other }
            select AskAsync(client, question));

        using var officer = second.SignInAs(await world.CreatePrivacyOfficerAsync());
        var chain = await CrashWorld.VerifyAuditAsync(officer);
        var sequences = await vault.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(Ct));
        var allowed = await vault.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.GateAllowed, Ct));

        Assert.All(answers.SelectMany(a => a), status => Assert.Equal(HttpStatusCode.Created, status));
        Assert.True(chain.Intact, chain.Problem);
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.Equal(before + (4 * PerWriter), allowed);
    }

    private static async Task<List<HttpStatusCode>> AskAsync(HttpClient client, DecisionRequest question)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < PerWriter; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/gate/decisions", question, VaultApiFactory.JsonOptions, Ct);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
