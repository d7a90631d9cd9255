using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Recordings;
using Vault.Api.Recordings.Retention;
using Vault.Consent.Registry;
using Vault.Retention.Planning;
using Vault.Retention.Runs;
using Vault.Testing;
using Xunit;
using static Vault.Api.Tests.Retention.RetentionVault;

namespace Vault.Api.Tests.Retention;

/// <summary>Destruction outside September: a withdrawn consent after its review deadline, a student's own deletion.</summary>
public sealed class OutsideTheYearlyRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_withdrawn_consent_leads_to_destruction_once_the_review_deadline_has_passed()
    {
        await using var vault = await StartAsync();
        var world = await vault.CreatePlacementAsync();
        var recording = await UploadAsync(vault, world);
        var klas = vault.Classes.Values.Single();
        using (var admin = vault.SignInAs(klas.ConsentAdmin))
        {
            var withdrawn = await admin.PostAsJsonAsync($"/api/consent/pupils/{klas.Pupils[0].Id}/withdrawals",
                new WithdrawConsentRequest(WithdrawMedia.BeeldEnGeluid, Vault.Consent.Registry.ConsentGiver.Ouder), VaultApiFactory.JsonOptions, Ct);
            Assert.True(withdrawn.IsSuccessStatusCode, await withdrawn.Content.ReadAsStringAsync(Ct));
        }

        var due = (await RowAsync(vault, recording.Id)).ReviewDueAt;
        Assert.NotNull(due);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var dayBefore = TimeZoneInfo.ConvertTime(due.Value.AddDays(-1), zone).DateTime;
        var dayAfter = TimeZoneInfo.ConvertTime(due.Value.AddDays(1), zone).DateTime;

        await RunDayAsync(vault, dayBefore);
        Assert.True(await ExistsAsync(vault, recording.Id));

        var after = await RunDayAsync(vault, dayAfter);
        Assert.Contains(after.Runs, r => r.Kind == DestructionKind.Withdrawal && r.Destroyed == 1);
        Assert.False(await ExistsAsync(vault, recording.Id));
        Assert.Empty(await BlobsOfAsync(vault, recording.Id));
        Assert.Equal(RetentionReasons.ConsentWithdrawn, (await TombstoneAsync(vault, recording.Id))!.Reason);
    }

    [Fact]
    public async Task A_students_deletion_before_assessment_destroys_at_once_but_an_assessed_recording_stays()
    {
        await using var vault = await StartAsync();
        var world = await vault.CreatePlacementAsync();
        var mine = await UploadAsync(vault, world);
        var assessed = await UploadAsync(vault, world);
        await MarkAssessedAsync(vault, assessed.Id, world);
        await vault.WithDbAsync(async db =>
        {
            await db.Set<Recording>().Where(r => r.Id == mine.Id || r.Id == assessed.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.DeletionRequestedAt, vault.Time.GetUtcNow()), Ct);
            return 0;
        });

        RunReport? destroyed = null, kept = null;
        await vault.WithScopeAsync(async sp => destroyed = await sp.GetRequiredService<StudentDeletion>().DestroyRequestedAsync(mine.Id, "student", Ct));
        await vault.WithScopeAsync(async sp => kept = await sp.GetRequiredService<StudentDeletion>().DestroyRequestedAsync(assessed.Id, "student", Ct));

        Assert.Equal(1, destroyed!.Destroyed);
        Assert.False(await ExistsAsync(vault, mine.Id));
        Assert.Equal(RetentionReasons.StudentDeletion, (await TombstoneAsync(vault, mine.Id))!.Reason);
        Assert.Equal(0, kept!.Destroyed);
        Assert.True(await ExistsAsync(vault, assessed.Id));
    }
}
