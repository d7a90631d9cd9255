using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Recordings.Retention;
using Vault.Api.Storage;
using Vault.Api.Tests.Recordings;
using Vault.Retention.Data;
using Vault.Retention.Ports;
using Vault.Retention.Runs;
using Vault.Shared.Auditing;
using Vault.Testing;
using Xunit;
using static Vault.Api.Tests.Retention.RetentionVault;

namespace Vault.Api.Tests.Retention;

/// <summary>
/// The one dangerous moment of a batch: its keys are shredded and its rows removed (committed), but the process dies
/// before the run writes that down. The resumed run finds the recordings already gone; what it reports must still
/// be the truth: their keys were destroyed, by this run.
/// </summary>
public sealed class ResumeAfterCommitTests
{
    private static readonly DateOnly RunDay = new(2027, 9, 15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_that_dies_right_after_shredding_reports_the_keys_as_destroyed_when_it_is_resumed()
    {
        await using var vault = await StartAsync(new CrashAfterCommitVault());
        var world = await vault.CreatePlacementAsync();
        var recordings = new[] { await UploadAsync(vault, world), await UploadAsync(vault, world) };
        var keyIds = new List<Guid>();
        foreach (var recording in recordings)
        {
            await MarkAssessedAsync(vault, recording.Id, world);
            keyIds.Add((await RowAsync(vault, recording.Id)).Content.KeyId);
        }

        vault.Time.SetUtcNow(Vault.Shared.Time.SchoolCalendar.FromAmsterdam(RunDay, new TimeOnly(3, 0)));
        using (var crash = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            vault.OnCommitted = crash.Cancel;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(vault, crash.Token));
            vault.OnCommitted = null;
        }

        // The crash came after the commit: keys shredded, rows gone, blobs still there, nothing written down as destroyed.
        foreach (var recording in recordings)
        {
            Assert.False(await ExistsAsync(vault, recording.Id));
            Assert.NotEmpty(await BlobsOfAsync(vault, recording.Id));
        }

        foreach (var keyId in keyIds)
        {
            Assert.Null(await vault.WithDbAsync(db => vault.Services.GetRequiredService<KeyRing>().UnwrapAsync(db, keyId, Ct)));
        }

        Assert.All(await ItemsAsync(vault), i => Assert.Equal(RunItemState.Planned, i.State));

        var resumed = await RunAsync(vault, Ct);

        Assert.Equal((RunOutcome.Completed, 2, 2), (resumed.Outcome, resumed.Destroyed, resumed.DestroyedNow));
        foreach (var recording in recordings)
        {
            Assert.Empty(await BlobsOfAsync(vault, recording.Id));
        }

        Assert.All(await ItemsAsync(vault), i => Assert.True(i.KeyDestroyed, $"item {i.RecordingId} says its key was not destroyed"));
        using var admin = vault.SignInAs(vault.Admin);
        var record = await admin.GetFromJsonAsync<DestructionRecord>($"/api/retention/runs/{resumed.RunId}/record.json", VaultApiFactory.JsonOptions, Ct);
        Assert.All(record!.Items, i => Assert.True(i.KeyDestroyed));
        var destroyedDetails = await vault.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.RecordingDestroyed && e.SubjectId == resumed.RunId.ToString()).Select(e => e.DetailsJson).ToListAsync(Ct));
        var details = Assert.Single(destroyedDetails);
        Assert.DoesNotContain("\"keyDestroyed\":false", details, StringComparison.Ordinal);
        Assert.Contains("\"keyDestroyed\":true", details, StringComparison.Ordinal);
    }

    private static async Task<RunReport> RunAsync(RecordingsVault vault, CancellationToken cancellationToken)
    {
        await using var scope = vault.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DestructionRunner>().RunAsync(new RunRequest(DestructionKind.Yearly, RunDay, "test"), cancellationToken);
    }

    private static Task<List<DestructionRunItem>> ItemsAsync(RecordingsVault vault) =>
        vault.WithDbAsync(db => ((IRetentionDb)db).DestructionRunItems.AsNoTracking().ToListAsync(Ct));

    /// <summary>The real catalogue, with a hook right after a batch's keys and rows are committed (where a test "kills" the run).</summary>
    private sealed class CrashAfterCommitVault : RecordingsVault
    {
        public Action? OnCommitted { get; set; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.AddScoped<IRetentionCatalog>(sp => new CommitHook(sp.GetRequiredService<RetentionCatalog>(), this)));
        }
    }

    private sealed class CommitHook(RetentionCatalog inner, CrashAfterCommitVault vault) : IRetentionCatalog
    {
        public IAsyncEnumerable<RetentionCandidate> CandidatesAsync(CancellationToken cancellationToken) => inner.CandidatesAsync(cancellationToken);

        public Task<IReadOnlyList<RetentionCandidate>> CandidatesAsync(IReadOnlyCollection<Guid> recordingIds, CancellationToken cancellationToken) =>
            inner.CandidatesAsync(recordingIds, cancellationToken);

        public Task<DestroyedRecording> DestroyAsync(Guid recordingId, string reason, CancellationToken cancellationToken) =>
            inner.DestroyAsync(recordingId, reason, cancellationToken);

        public Task<IReadOnlyList<DestructionResult>> DestroyManyAsync(IReadOnlyList<DestructionOrder> orders, int degreeOfParallelism, DestructionHooks hooks, CancellationToken cancellationToken) =>
            inner.DestroyManyAsync(orders, degreeOfParallelism, hooks with { Committed = () => { hooks.Committed?.Invoke(); vault.OnCommitted?.Invoke(); } }, cancellationToken);
    }
}
