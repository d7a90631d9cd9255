using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Retention.Runs;
using Vault.Retention.Holds;
using Vault.Retention.Tests.Support;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;
using static Vault.Retention.Tests.Support.Recordings;

namespace Vault.Retention.Tests;

/// <summary>R17 legal holds through the API: who may, with a reason, audited, problem details for bad input.</summary>
public sealed class LegalHoldApiTests(RetentionVaultFactory vault) : IClassFixture<RetentionVaultFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(PlacementWorld World, Ports.RetentionCandidate Recording)> RecordingOnPlacementAsync()
    {
        var world = await vault.CreatePlacementAsync();
        var recording = Recording(new DateOnly(2026, 11, 2), placementId: world.Placement.Id, studentId: world.Student.Id, ioId: world.Io.Id, schoolLocationId: world.SchoolLocationId);
        vault.Catalog.Add(recording);
        return (world, recording);
    }

    private async Task<TestUser> PrivacyOfficerAsync(Guid? opleidingsschoolId = null) =>
        await vault.CreateUserDirectAsync("FG " + Guid.NewGuid().ToString("N")[..5], [VaultRoles.PrivacyOfficer], opleidingsschoolId: opleidingsschoolId);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task A_privacy_officer_places_a_hold_with_a_reason_and_it_is_audited()
    {
        var (_, recording) = await RecordingOnPlacementAsync();
        using var officer = vault.SignInAs(await PrivacyOfficerAsync());

        var response = await officer.PostAsJsonAsync("/api/retention/holds", new PlaceHoldRequest(HoldScope.Recording, recording.RecordingId, null, "Geschil over beoordeling (Art. 14)"), VaultApiFactory.JsonOptions, Ct);

        var hold = await VaultApiFactory.ReadAsync<HoldView>(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(hold.Active);
        Assert.Equal(recording.PlacementId, hold.PlacementId);
        var audited = await vault.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.LegalHoldPlaced && e.SubjectId == hold.Id.ToString()).ToListAsync(Ct));
        Assert.Equal(recording.RecordingId, Assert.Single(audited).RecordingId);
    }

    [Fact]
    public async Task A_hold_without_a_reason_is_refused_with_a_validation_problem()
    {
        var (_, recording) = await RecordingOnPlacementAsync();
        using var officer = vault.SignInAs(await PrivacyOfficerAsync());

        var problem = await ProblemAsync(
            await officer.PostAsJsonAsync("/api/retention/holds", new PlaceHoldRequest(HoldScope.Recording, recording.RecordingId, null, "  "), VaultApiFactory.JsonOptions, Ct),
            HttpStatusCode.BadRequest);

        Assert.Equal("https://mediavault.hr.nl/problems/validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task A_hold_on_an_unknown_recording_or_placement_is_not_found()
    {
        using var admin = vault.SignInAs(vault.Admin);

        await ProblemAsync(await admin.PostAsJsonAsync("/api/retention/holds", new PlaceHoldRequest(HoldScope.Recording, Guid.NewGuid(), null, "geschil"), VaultApiFactory.JsonOptions, Ct), HttpStatusCode.NotFound);
        await ProblemAsync(await admin.PostAsJsonAsync("/api/retention/holds", new PlaceHoldRequest(HoldScope.Placement, null, Guid.NewGuid(), "geschil"), VaultApiFactory.JsonOptions, Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_administrator_holds_a_whole_placement_once_and_a_second_active_hold_conflicts()
    {
        var (world, _) = await RecordingOnPlacementAsync();
        using var admin = vault.SignInAs(vault.Admin);
        var request = new PlaceHoldRequest(HoldScope.Placement, null, world.Placement.Id, "Geschil met de stageschool");

        var first = await admin.PostAsJsonAsync("/api/retention/holds", request, VaultApiFactory.JsonOptions, Ct);
        var second = await admin.PostAsJsonAsync("/api/retention/holds", request, VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await ProblemAsync(second, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Lifting_needs_a_reason_and_lifting_a_lifted_hold_conflicts()
    {
        var (_, recording) = await RecordingOnPlacementAsync();
        using var officer = vault.SignInAs(await PrivacyOfficerAsync());
        var hold = await VaultApiFactory.ReadAsync<HoldView>(
            await officer.PostAsJsonAsync("/api/retention/holds", new PlaceHoldRequest(HoldScope.Recording, recording.RecordingId, null, "geschil"), VaultApiFactory.JsonOptions, Ct));

        await ProblemAsync(await officer.PostAsJsonAsync($"/api/retention/holds/{hold.Id}/lift", new LiftHoldRequest(""), VaultApiFactory.JsonOptions, Ct), HttpStatusCode.BadRequest);
        var lifted = await VaultApiFactory.ReadAsync<HoldView>(
            await officer.PostAsJsonAsync($"/api/retention/holds/{hold.Id}/lift", new LiftHoldRequest("Geschil beslecht"), VaultApiFactory.JsonOptions, Ct));
        await ProblemAsync(await officer.PostAsJsonAsync($"/api/retention/holds/{hold.Id}/lift", new LiftHoldRequest("nogmaals"), VaultApiFactory.JsonOptions, Ct), HttpStatusCode.Conflict);
        await ProblemAsync(await officer.PostAsJsonAsync($"/api/retention/holds/{Guid.NewGuid()}/lift", new LiftHoldRequest("?"), VaultApiFactory.JsonOptions, Ct), HttpStatusCode.NotFound);

        Assert.False(lifted.Active);
        Assert.Equal("Geschil beslecht", lifted.LiftReason);
        var active = await officer.GetFromJsonAsync<List<HoldView>>("/api/retention/holds?active=true", VaultApiFactory.JsonOptions, Ct);
        Assert.DoesNotContain(active!, h => h.Id == hold.Id);
        Assert.True(await vault.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.LegalHoldLifted && e.SubjectId == hold.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task A_privacy_officer_of_another_opleidingsschool_cannot_see_or_hold_the_recording()
    {
        var (_, recording) = await RecordingOnPlacementAsync();
        using var elsewhere = vault.SignInAs(await PrivacyOfficerAsync(Arrange.Osh));

        await ProblemAsync(await elsewhere.PostAsJsonAsync("/api/retention/holds", new PlaceHoldRequest(HoldScope.Recording, recording.RecordingId, null, "geschil"), VaultApiFactory.JsonOptions, Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Students_and_coaches_may_not_place_holds()
    {
        var (world, recording) = await RecordingOnPlacementAsync();
        foreach (var user in new[] { world.Student, world.Io })
        {
            using var client = vault.SignInAs(user);
            var response = await client.PostAsJsonAsync("/api/retention/holds", new PlaceHoldRequest(HoldScope.Recording, recording.RecordingId, null, "geschil"), VaultApiFactory.JsonOptions, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_hold_on_a_recording_that_was_already_destroyed_conflicts()
    {
        var (_, recording) = await RecordingOnPlacementAsync();
        await vault.InScopeAsync(sp => sp.GetRequiredService<IRecordingDestruction>().DestroyNowAsync(recording, DestructionKind.Abandoned, "upload", Ct));
        using var admin = vault.SignInAs(vault.Admin);

        var problem = await ProblemAsync(
            await admin.PostAsJsonAsync("/api/retention/holds", new PlaceHoldRequest(HoldScope.Recording, recording.RecordingId, null, "geschil"), VaultApiFactory.JsonOptions, Ct),
            HttpStatusCode.Conflict);

        Assert.Equal("https://mediavault.hr.nl/problems/conflict", problem.GetProperty("type").GetString());
    }
}
