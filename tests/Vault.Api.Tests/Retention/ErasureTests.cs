using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Privacy;
using Vault.Api.Recordings;
using Vault.Api.Storage;
using Vault.Api.Tests.Recordings;
using Vault.Consent.Gate;
using Vault.Retention.Erasure;
using Vault.Retention.Planning;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;
using static Vault.Api.Tests.Retention.RetentionVault;

namespace Vault.Api.Tests.Retention;

/// <summary>AVG art. 15 and 17 end to end: real uploads with presence lists, the pupil query, an erasure request destroyed by retention.</summary>
public sealed class ErasureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_erasure_request_destroys_exactly_the_recordings_whose_presence_lists_include_the_pupil_and_completes_with_outcomes()
    {
        await using var vault = await StartAsync();
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 2);
        var pupil = klas.Pupils[0].Id;
        var first = await UploadWithAsync(vault, klas);
        var second = await UploadWithAsync(vault, klas);
        var without = await UploadWithAsync(vault, klas, absent: [pupil]);
        var keys = new Dictionary<Guid, Guid> { [first.Id] = (await RowAsync(vault, first.Id)).Content.KeyId, [second.Id] = (await RowAsync(vault, second.Id)).Content.KeyId };
        var officer = await vault.CreatePersonAsync("FG OSR " + Guid.NewGuid().ToString("N")[..4], VaultRoles.PrivacyOfficer, opleidingsschoolId: Arrange.Osr);
        using var client = vault.SignInAs(officer);

        // Art. 15: exactly the two recordings whose presence lists include the pupil.
        var access = await VaultApiFactory.ReadAsync<PupilAccessReport>(await client.GetAsync($"/api/privacy/pupils/{pupil}", Ct));
        Assert.Equal(new[] { first.Id, second.Id }.Order(), access.RecordingIds.Order());
        Assert.Equal(PupilRecordingsSource.Aanwezigheidslijsten, access.Source);

        // Art. 17: filed, handed over to retention at once, destroyed by retention's worker.
        var filed = await VaultApiFactory.ReadAsync<ErasureRequestView>(await client.PostAsJsonAsync("/api/privacy/erasure-requests",
            new FileErasureRequest(pupil, null, "AVG-17-2026-001"), VaultApiFactory.JsonOptions, Ct));
        Assert.NotEqual(ErasureState.Ingediend, filed.State);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), filed.Recordings.Select(r => r.RecordingId).Order());
        var done = await WaitUntilCompletedAsync(client, filed.Id);

        Assert.All(done.Recordings, r => Assert.Equal(ErasureOutcome.Destroyed, r.Outcome));
        Assert.All(done.Recordings, r => Assert.NotNull(r.DecidedAt));
        Assert.NotNull(done.CompletedAt);
        foreach (var destroyed in new[] { first, second })
        {
            Assert.False(await ExistsAsync(vault, destroyed.Id));
            Assert.Empty(await BlobsOfAsync(vault, destroyed.Id));
            Assert.Null(await vault.WithDbAsync(db => vault.Services.GetRequiredService<KeyRing>().UnwrapAsync(db, keys[destroyed.Id], Ct)));
            var tombstone = await TombstoneAsync(vault, destroyed.Id);
            Assert.NotNull(tombstone);
            Assert.Equal((Vault.Retention.Runs.DestructionKind.Erasure, RetentionReasons.ErasureRequest), (tombstone.Kind, tombstone.Reason));
        }

        Assert.True(await ExistsAsync(vault, without.Id));
        Assert.NotEmpty(await BlobsOfAsync(vault, without.Id));

        // No pupil data about a destroyed recording is left: its presence list went with it (the other pupil's too), so
        // art. 15 no longer names it; the recording that was kept still has its list.
        var lists = await vault.WithDbAsync(db => (from p in db.GatePresences
                                                   join d in db.GateDecisions on p.DecisionId equals d.Id
                                                   select d.RedeemedByRecordingId).ToListAsync(Ct));
        Assert.DoesNotContain(first.Id, lists);
        Assert.DoesNotContain(second.Id, lists);
        Assert.Contains(without.Id, lists);
        var after = await VaultApiFactory.ReadAsync<PupilAccessReport>(await client.GetAsync($"/api/privacy/pupils/{pupil}", Ct));
        Assert.Empty(after.RecordingIds);

        // Every step audited by the action that did it: filing, hand-over, the run, each outcome, completion.
        var actions = await vault.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.SubjectId == filed.Id.ToString() || e.RecordingId == first.Id || e.RecordingId == second.Id || e.SubjectType == "destruction-run")
            .Select(e => e.Action).ToListAsync(Ct));
        Assert.Contains(AuditActions.ErasureRequested, actions);
        Assert.Contains(AuditActions.ErasureHandedOver, actions);
        Assert.Equal(2, actions.Count(a => a == AuditActions.ErasureOutcome));
        Assert.Contains(AuditActions.ErasureCompleted, actions);
        Assert.Contains(AuditActions.DestructionRunStarted, actions);
        Assert.Contains(AuditActions.RecordingDestroyed, actions);
        Assert.Contains(AuditActions.DestructionRunFinished, actions);
    }

    [Fact]
    public async Task A_held_recording_is_kept_under_the_hold_and_accepting_the_same_order_again_answers_the_same()
    {
        await using var vault = await StartAsync();
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 2);
        var pupil = klas.Pupils[0].Id;
        var held = await UploadWithAsync(vault, klas);
        await PlaceHoldAsync(vault, held.Id);
        var officer = await vault.CreatePersonAsync("FG OSR " + Guid.NewGuid().ToString("N")[..4], VaultRoles.PrivacyOfficer, opleidingsschoolId: Arrange.Osr);
        using var client = vault.SignInAs(officer);

        var filed = await VaultApiFactory.ReadAsync<ErasureRequestView>(await client.PostAsJsonAsync("/api/privacy/erasure-requests",
            new FileErasureRequest(pupil, null, "AVG-17-2026-002"), VaultApiFactory.JsonOptions, Ct));

        // R17 wins over art. 17: decided at once, the request completes, the recording stays.
        Assert.Equal(ErasureState.Afgerond, filed.State);
        var outcome = Assert.Single(filed.Recordings);
        Assert.Equal((held.Id, ErasureOutcome.KeptUnderLegalHold), (outcome.RecordingId, outcome.Outcome));
        Assert.Contains("R17", outcome.Note, StringComparison.Ordinal);
        Assert.True(await ExistsAsync(vault, held.Id));

        // Handed over again (after a failure, say): the same answers, nothing marked twice; an unknown recording is not found.
        var unknown = Guid.NewGuid();
        var order = new ErasureOrder(filed.Id, pupil, [held.Id, unknown], officer.Id, filed.RequestedAt);
        IReadOnlyList<ErasureRecordingResult>? again = null;
        await vault.WithScopeAsync(async sp => again = await sp.GetRequiredService<IErasureHandler>().AcceptAsync(order, Ct));
        Assert.Equal(ErasureOutcome.KeptUnderLegalHold, again!.Single(r => r.RecordingId == held.Id).Outcome);
        Assert.Equal(ErasureOutcome.NotFound, again!.Single(r => r.RecordingId == unknown).Outcome);
    }

    /// <summary>An upload for <paramref name="klas"/> with the given pupils absent: the gate stores who was present.</summary>
    private static async Task<RecordingView> UploadWithAsync(RecordingsVault vault, ClassWorld klas, IReadOnlyList<Guid>? absent = null)
    {
        var world = klas.Placement;
        var decision = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(world.Student,
            vault.Question(klas, absent: absent, informed: InformedHow.Mondeling)));
        var source = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, 1, name: Guid.NewGuid().ToString("N") + ".mp4"), Ct);
        using var student = vault.SignInAs(world.Student);
        var upload = await RecordingsVault.StartUploadAsync(student, decision.Ticket!.TicketId, source.Length);
        (await RecordingsVault.AppendAsync(student, upload.Id, 0, RecordingsVault.Octets(source))).EnsureSuccessStatusCode();
        return await VaultApiFactory.ReadAsync<RecordingView>(await RecordingsVault.CompleteAsync(student, upload.Id));
    }

    private static async Task<ErasureRequestView> WaitUntilCompletedAsync(HttpClient client, Guid id)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        while (true)
        {
            var view = await VaultApiFactory.ReadAsync<ErasureRequestView>(await client.GetAsync($"/api/privacy/erasure-requests/{id}", timeout.Token));
            if (view.State == ErasureState.Afgerond)
            {
                return view;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, timeout.Token);
        }
    }
}
