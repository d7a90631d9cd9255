using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using Vault.Api.Privacy;
using Vault.Shared.Auditing;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Audit;

public sealed class PrivacyQueryTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_follow_the_keyset_cursor_newest_first_without_gaps_or_overlap()
    {
        var fg = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osr);
        await vault.ChangePolicyAsync(Arrange.Osr, times: 7);
        using var client = vault.SignInAs(fg);

        var seen = new List<long>();
        long? before = null;
        var pages = 0;
        do
        {
            var url = $"/api/privacy/events?action={AuditActions.PolicyChanged}&limit=3" + (before is { } b ? $"&before={b}" : "");
            var page = await client.GetFromJsonAsync<AuditPage>(url, VaultApiFactory.JsonOptions, Cancel);
            Assert.InRange(page!.Items.Count, 1, 3);
            seen.AddRange(page.Items.Select(i => i.Sequence));
            before = page.NextBefore;
            pages++;
        }
        while (before is not null);

        // Other tests of this class change OSR's policy too: count what the log holds rather than assume 7.
        var total = await vault.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.PolicyChanged && e.OpleidingsschoolId == Arrange.Osr, Cancel));
        Assert.True(total >= 7);
        Assert.Equal((total + 2) / 3, pages);
        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.OrderDescending(), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Events_are_found_by_person_by_period_and_by_event_type()
    {
        var fg = await vault.CreateInstituutPrivacyOfficerAsync();
        var otherAdmin = await vault.CreateUserDirectAsync("Tweede beheerder", [Vault.Shared.Identity.VaultRoles.InstituteAdministrator]);
        var start = vault.Time.GetUtcNow();
        vault.Time.Advance(TimeSpan.FromDays(1));
        await vault.ChangePolicyAsync(Arrange.Osr, asUser: otherAdmin);
        vault.Time.Advance(TimeSpan.FromDays(1));
        var between = vault.Time.GetUtcNow();
        vault.Time.Advance(TimeSpan.FromDays(1));
        await vault.ChangePolicyAsync(Arrange.Osr, times: 2, asUser: otherAdmin);
        using var client = vault.SignInAs(fg);

        var byPerson = await client.GetFromJsonAsync<AuditPage>($"/api/privacy/people/{otherAdmin.Id}/events", VaultApiFactory.JsonOptions, Cancel);
        var byPeriod = await client.GetFromJsonAsync<AuditPage>(
            $"/api/privacy/events?personId={otherAdmin.Id}&from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(between.ToString("O"))}",
            VaultApiFactory.JsonOptions, Cancel);
        var byType = await client.GetFromJsonAsync<AuditPage>($"/api/privacy/events?action={AuditActions.PolicyChanged}&personId={otherAdmin.Id}", VaultApiFactory.JsonOptions, Cancel);

        Assert.Equal(3, byPerson!.Items.Count);
        Assert.All(byPerson.Items, e => Assert.Equal(otherAdmin.Id, e.ActorPersonId));
        var early = Assert.Single(byPeriod!.Items);
        Assert.InRange(early.OccurredAt, start, between);
        Assert.Equal(3, byType!.Items.Count);
    }

    [Fact]
    public async Task Events_about_a_pupil_are_found_through_the_pupil_index()
    {
        var fg = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osr);
        var school = await vault.CreateSchoolLocationAsync(Arrange.Osr);
        var pupil = Guid.NewGuid();
        var with = await vault.UploadAsync(Arrange.Osr, school, pupil, Guid.NewGuid());
        await vault.UploadAsync(Arrange.Osr, school, Guid.NewGuid());
        using var client = vault.SignInAs(fg);

        var page = await client.GetFromJsonAsync<AuditPage>($"/api/privacy/events?pupilId={pupil}", VaultApiFactory.JsonOptions, Cancel);

        var only = Assert.Single(page!.Items);
        Assert.Equal(with, only.RecordingId);
        Assert.Contains(pupil, only.PupilIds);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("before=0")]
    [InlineData("from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z")]
    public async Task Bad_filters_are_refused_with_a_validation_problem(string query)
    {
        var fg = await vault.CreateInstituutPrivacyOfficerAsync();
        using var client = vault.SignInAs(fg);
        var response = await client.GetAsync($"/api/privacy/events?{query}", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
