using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Consent.Gate;
using Vault.Consent.Registry;
using Vault.Shared.Auditing;
using Vault.Testing;
using Xunit;

namespace Vault.Consent.Tests.Registry;

public sealed class ConsentRegistryTests(ConsentVaultFactory vault) : IClassFixture<ConsentVaultFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestUser Admin, Guid School, GroupView Group)> SchoolAsync()
    {
        var school = await vault.CreateSchoolLocationAsync(Arrange.Osr);
        var admin = await vault.CreateConsentAdministratorAsync(school);
        var group = await vault.CreateGroupAsync(admin, school, "3A");
        return (admin, school, group);
    }

    private static async Task<ConsentInForceView> InForceAsync(HttpClient client, Guid pupilId, string on) =>
        (await client.GetFromJsonAsync<ConsentInForceView>($"/api/consent/pupils/{pupilId}/consents?on={on}", VaultApiFactory.JsonOptions, Ct))!;

    [Fact]
    public async Task Consent_is_append_only_and_the_record_in_force_follows_the_date()
    {
        var (admin, school, group) = await SchoolAsync();
        var pupil = await vault.CreatePupilAsync(admin, school, "Noor", new DateOnly(2013, 3, 4), group.Id);
        await vault.RecordConsentAsync(admin, pupil.Id, MediumDecision.Gegeven, MediumDecision.Gegeven, givenOn: new(2026, 9, 1), informedOn: new(2026, 8, 25));
        await vault.RecordConsentAsync(admin, pupil.Id, MediumDecision.Geweigerd, MediumDecision.Gegeven, givenOn: new(2026, 10, 15), informedOn: new(2026, 8, 25));
        using var client = vault.SignInAs(admin);

        var before = await InForceAsync(client, pupil.Id, "2026-08-31");
        var september = await InForceAsync(client, pupil.Id, "2026-09-30");
        var now = await InForceAsync(client, pupil.Id, "2026-11-01");

        Assert.Equal((ConsentState.Ontbreekt, ConsentState.Ontbreekt), (before.Beeld, before.Geluid));
        Assert.Equal((ConsentState.Gegeven, ConsentState.Gegeven), (september.Beeld, september.Geluid));
        Assert.Equal((ConsentState.Geweigerd, ConsentState.Gegeven), (now.Beeld, now.Geluid));
        Assert.Equal(2, now.History.Count);
        Assert.Equal(new DateOnly(2026, 10, 15), now.InForce!.GivenOn);
    }

    [Fact]
    public async Task A_withdrawal_is_effective_at_once_and_the_recordings_with_the_pupil_are_marked_for_review()
    {
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 2);
        var decision = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(world.Student, vault.Question(klas)));
        var recordingId = Guid.NewGuid();
        await vault.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IUploadGate>().RedeemAsync(decision.Ticket.TicketId, recordingId, Ct);
            await sp.GetRequiredService<IConsentDb>().SaveChangesAsync(Ct);
        });
        var pupil = klas.Pupils[0];
        using var client = vault.SignInAs(klas.ConsentAdmin);

        var response = await client.PostAsJsonAsync($"/api/consent/pupils/{pupil.Id}/withdrawals", new WithdrawConsentRequest(WithdrawMedia.Geluid, ConsentGiver.Ouder), VaultApiFactory.JsonOptions, Ct);

        var withdrawal = await VaultApiFactory.ReadAsync<WithdrawalView>(response);
        Assert.Equal(1, withdrawal.RecordingsMarked);
        var call = Assert.Single(vault.Withdrawals.Calls, c => c.PupilId == pupil.Id);
        Assert.Equal([recordingId], call.RecordingIds);
        Assert.Equal("geluid", call.Medium);
        var today = await InForceAsync(client, pupil.Id, "2026-11-23");
        Assert.Equal((ConsentState.Gegeven, ConsentState.Geweigerd), (today.Beeld, today.Geluid));
        Assert.Equal(ConsentRecordKind.Intrekking, today.InForce!.Kind);
        var pupilKey = pupil.Id.ToString("N");
        var audited = await vault.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.ConsentWithdrawn && e.PupilIds.Contains(pupilKey)).ToListAsync(Ct));
        var entry = Assert.Single(audited);
        Assert.Equal(klas.ConsentAdmin.Id, entry.ActorPersonId);
        Assert.DoesNotContain(pupil.Name, entry.DetailsJson ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawing_image_only_marks_only_the_recordings_that_kept_the_image()
    {
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 1);
        var withImage = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(world.Student, vault.Question(klas)));
        var soundOnly = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(world.Student, vault.Question(klas, media: RecordingMedia.AlleenGeluid)));
        var (imageRecording, soundRecording) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var (ticket, recording) in new[] { (withImage.Ticket, imageRecording), (soundOnly.Ticket, soundRecording) })
        {
            // One recording per unit of work, as the recordings feature redeems them.
            await vault.WithScopeAsync(async sp =>
            {
                await sp.GetRequiredService<IUploadGate>().RedeemAsync(ticket.TicketId, recording, Ct);
                await sp.GetRequiredService<IConsentDb>().SaveChangesAsync(Ct);
            });
        }
        var pupil = klas.Pupils[0];
        using var client = vault.SignInAs(klas.ConsentAdmin);

        var response = await client.PostAsJsonAsync($"/api/consent/pupils/{pupil.Id}/withdrawals", new WithdrawConsentRequest(WithdrawMedia.Beeld, ConsentGiver.Ouder), VaultApiFactory.JsonOptions, Ct);

        response.EnsureSuccessStatusCode();
        var call = Assert.Single(vault.Withdrawals.Calls, c => c.PupilId == pupil.Id);
        Assert.Equal([imageRecording], call.RecordingIds);
        Assert.Equal("beeld", call.Medium);
    }

    [Fact]
    public async Task A_pupil_under_16_cannot_withdraw_and_nothing_is_withdrawn_without_a_consent()
    {
        var (admin, school, group) = await SchoolAsync();
        var young = await vault.CreatePupilAsync(admin, school, "Jong", new DateOnly(2013, 1, 1), group.Id);
        var nothing = await vault.CreatePupilAsync(admin, school, "Niets", new DateOnly(2013, 1, 1), group.Id);
        await vault.RecordConsentAsync(admin, young.Id, MediumDecision.Gegeven, MediumDecision.Gegeven);
        using var client = vault.SignInAs(admin);

        var byPupil = await client.PostAsJsonAsync($"/api/consent/pupils/{young.Id}/withdrawals", new WithdrawConsentRequest(WithdrawMedia.Beeld, ConsentGiver.Leerling), VaultApiFactory.JsonOptions, Ct);
        var withoutConsent = await client.PostAsJsonAsync($"/api/consent/pupils/{nothing.Id}/withdrawals", new WithdrawConsentRequest(WithdrawMedia.Beeld, ConsentGiver.Ouder), VaultApiFactory.JsonOptions, Ct);

        await AssertValidationProblemAsync(byPupil, "by");
        Assert.Equal(HttpStatusCode.Conflict, withoutConsent.StatusCode);
        Assert.Equal(1, await vault.WithDbAsync(db => db.ConsentRecords.CountAsync(r => r.PupilId == young.Id || r.PupilId == nothing.Id, Ct)));
    }

    [Fact]
    public async Task Every_change_is_audited_with_the_pupil_id_and_never_the_name()
    {
        var (admin, school, group) = await SchoolAsync();
        var pupil = await vault.CreatePupilAsync(admin, school, "Uniek-Naam-Xq", new DateOnly(2012, 1, 2), group.Id);
        await vault.RecordConsentAsync(admin, pupil.Id, MediumDecision.Gegeven, MediumDecision.Geweigerd);

        var entries = await vault.WithDbAsync(db => db.AuditEntries.Where(e => e.SchoolLocationId == school).ToListAsync(Ct));

        Assert.Contains(entries, e => e.Action == AuditActions.GroupCreated);
        Assert.Contains(entries, e => e.Action == AuditActions.PupilCreated && e.PupilIds.Contains(pupil.Id.ToString("N"), StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == AuditActions.ConsentRecorded && e.PupilIds.Contains(pupil.Id.ToString("N"), StringComparison.Ordinal) && e.ActorPersonId == admin.Id);
        Assert.DoesNotContain(entries, e => (e.DetailsJson ?? "").Contains("Uniek-Naam-Xq", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_consent_administrator_of_school_A_cannot_read_or_write_school_B()
    {
        var (adminA, _, _) = await SchoolAsync();
        var (adminB, schoolB, groupB) = await SchoolAsync();
        var pupilB = await vault.CreatePupilAsync(adminB, schoolB, "Pupil B", new DateOnly(2012, 5, 5), groupB.Id);
        using var a = vault.SignInAs(adminA);

        HttpResponseMessage[] responses =
        [
            await a.GetAsync($"/api/consent/pupils?schoolLocationId={schoolB}", Ct),
            await a.GetAsync($"/api/consent/groups?schoolLocationId={schoolB}", Ct),
            await a.GetAsync($"/api/consent/pupils/{pupilB.Id}/consents", Ct),
            await a.GetAsync($"/api/consent/groups/{groupB.Id}/overview", Ct),
            await a.PostAsJsonAsync("/api/consent/pupils", new CreatePupilRequest(schoolB, "999", "X", new DateOnly(2012, 1, 1), null), VaultApiFactory.JsonOptions, Ct),
            await a.PostAsJsonAsync($"/api/consent/pupils/{pupilB.Id}/consents",
                new RecordConsentRequest(null, MediumDecision.Gegeven, MediumDecision.Gegeven, ConsentGiver.Ouder, new(2026, 9, 1), new(2026, 9, 1), ConsentMethod.PapierenFormulier), VaultApiFactory.JsonOptions, Ct),
            await a.PostAsJsonAsync($"/api/consent/pupils/{pupilB.Id}/withdrawals", new WithdrawConsentRequest(WithdrawMedia.Beeld, ConsentGiver.Ouder), VaultApiFactory.JsonOptions, Ct),
            await a.PostAsJsonAsync($"/api/consent/groups/{groupB.Id}/members", new AddMemberRequest(pupilB.Id, null), VaultApiFactory.JsonOptions, Ct),
            await a.PostAsync($"/api/consent/locations/{schoolB}/imports/preview", new StringContent("leerlingnummer;naam;geboortedatum;klas\n1;A;01-01-2012;3A\n"), Ct),
            await a.PostAsJsonAsync($"/api/consent/locations/{schoolB}/rollover", new RolloverRequest(2026), VaultApiFactory.JsonOptions, Ct),
        ];

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var records = await vault.WithDbAsync(db => db.ConsentRecords.CountAsync(r => r.PupilId == pupilB.Id, Ct));
        Assert.Equal(0, records);
    }

    [Fact]
    public async Task A_student_cannot_use_the_consent_registry()
    {
        var world = await vault.CreatePlacementAsync();
        using var client = vault.SignInAs(world.Student);
        var response = await client.GetAsync($"/api/consent/pupils?schoolLocationId={world.SchoolLocationId}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public static TheoryData<string, string> BadConsents => new()
    {
        { "pupil-under-16-gives-consent", "givenBy" },
        { "consent-before-informed", "informedOn" },
        { "consent-in-the-future", "givenOn" },
    };

    [Theory]
    [MemberData(nameof(BadConsents))]
    public async Task A_bad_consent_is_refused_with_problem_details_and_nothing_is_stored(string kind, string field)
    {
        var (admin, school, group) = await SchoolAsync();
        var pupil = await vault.CreatePupilAsync(admin, school, "Jonge leerling", new DateOnly(2012, 6, 1), group.Id);
        var request = kind switch
        {
            "pupil-under-16-gives-consent" => new RecordConsentRequest(null, MediumDecision.Gegeven, MediumDecision.Gegeven, ConsentGiver.Leerling, new(2026, 9, 1), new(2026, 9, 1), ConsentMethod.DigitaalFormulier),
            "consent-before-informed" => new RecordConsentRequest(null, MediumDecision.Gegeven, MediumDecision.Gegeven, ConsentGiver.Ouder, new(2026, 9, 1), new(2026, 9, 10), ConsentMethod.DigitaalFormulier),
            _ => new RecordConsentRequest(2026, MediumDecision.Gegeven, MediumDecision.Gegeven, ConsentGiver.Ouder, new(2026, 12, 1), new(2026, 11, 1), ConsentMethod.DigitaalFormulier),
        };
        using var client = vault.SignInAs(admin);

        var response = await client.PostAsJsonAsync($"/api/consent/pupils/{pupil.Id}/consents", request, VaultApiFactory.JsonOptions, Ct);

        await AssertValidationProblemAsync(response, field);
        Assert.Equal(0, await vault.WithDbAsync(db => db.ConsentRecords.CountAsync(r => r.PupilId == pupil.Id, Ct)));
    }

    public static TheoryData<string, string> BadPupils => new()
    {
        { "birth-in-future", "birthDate" },
        { "birth-implausible", "birthDate" },
        { "unknown-group", "groupId" },
        { "duplicate-number", "pupilNumber" },
    };

    [Theory]
    [MemberData(nameof(BadPupils))]
    public async Task A_bad_pupil_is_refused_with_problem_details_and_nothing_is_stored(string kind, string field)
    {
        var (admin, school, group) = await SchoolAsync();
        await vault.CreatePupilAsync(admin, school, "Bestaande", new DateOnly(2012, 6, 1), group.Id, number: "1001");
        var request = kind switch
        {
            "birth-in-future" => new CreatePupilRequest(school, "2001", "A", new DateOnly(2027, 1, 1), group.Id),
            "birth-implausible" => new CreatePupilRequest(school, "2001", "A", new DateOnly(1950, 1, 1), group.Id),
            "unknown-group" => new CreatePupilRequest(school, "2001", "A", new DateOnly(2012, 1, 1), Guid.NewGuid()),
            _ => new CreatePupilRequest(school, "1001", "A", new DateOnly(2012, 1, 1), group.Id),
        };
        using var client = vault.SignInAs(admin);

        var response = await client.PostAsJsonAsync("/api/consent/pupils", request, VaultApiFactory.JsonOptions, Ct);

        await AssertValidationProblemAsync(response, field);
        Assert.Equal(1, await vault.WithDbAsync(db => db.Pupils.CountAsync(p => p.SchoolLocationId == school, Ct)));
    }

    [Fact]
    public async Task Adding_a_pupil_to_an_unknown_group_is_not_found()
    {
        var (admin, school, group) = await SchoolAsync();
        var pupil = await vault.CreatePupilAsync(admin, school, "Lin", new DateOnly(2012, 6, 1), group.Id);
        using var client = vault.SignInAs(admin);

        var response = await client.PostAsJsonAsync($"/api/consent/groups/{Guid.NewGuid()}/members", new AddMemberRequest(pupil.Id, null), VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_group_overview_counts_granted_refused_and_missing_for_image_and_sound()
    {
        var (admin, school, group) = await SchoolAsync();
        var granted = await vault.CreatePupilAsync(admin, school, "Anna", new DateOnly(2012, 1, 1), group.Id);
        var refused = await vault.CreatePupilAsync(admin, school, "Bo", new DateOnly(2012, 1, 1), group.Id);
        await vault.CreatePupilAsync(admin, school, "Cas", new DateOnly(2012, 1, 1), group.Id);
        await vault.RecordConsentAsync(admin, granted.Id, MediumDecision.Gegeven, MediumDecision.Gegeven);
        await vault.RecordConsentAsync(admin, refused.Id, MediumDecision.Geweigerd, MediumDecision.Gegeven);
        using var client = vault.SignInAs(admin);

        var overview = await client.GetFromJsonAsync<GroupOverview>($"/api/consent/groups/{group.Id}/overview", VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(new OverviewTotals(1, 1, 1), overview!.Beeld);
        Assert.Equal(new OverviewTotals(2, 0, 1), overview.Geluid);
        Assert.Equal(ConsentState.Ontbreekt, overview.Pupils.Single(p => p.Name == "Cas").Beeld);
    }

    [Fact]
    public async Task The_year_rollover_carries_groups_and_pupils_but_not_consent()
    {
        var (admin, school, group) = await SchoolAsync();
        var pupil = await vault.CreatePupilAsync(admin, school, "Daan", new DateOnly(2012, 1, 1), group.Id);
        await vault.RecordConsentAsync(admin, pupil.Id, MediumDecision.Gegeven, MediumDecision.Gegeven);
        using var client = vault.SignInAs(admin);

        var rollover = await VaultApiFactory.ReadAsync<RolloverView>(await client.PostAsJsonAsync($"/api/consent/locations/{school}/rollover", new RolloverRequest(2026), VaultApiFactory.JsonOptions, Ct));
        var again = await VaultApiFactory.ReadAsync<RolloverView>(await client.PostAsJsonAsync($"/api/consent/locations/{school}/rollover", new RolloverRequest(2026), VaultApiFactory.JsonOptions, Ct));
        var groups = await client.GetFromJsonAsync<List<GroupView>>($"/api/consent/groups?schoolLocationId={school}&schoolYear=2027", VaultApiFactory.JsonOptions, Ct);
        var overview = await client.GetFromJsonAsync<GroupOverview>($"/api/consent/groups/{groups!.Single().Id}/overview", VaultApiFactory.JsonOptions, Ct);

        Assert.Equal((2027, 1, 1), (rollover.SchoolYear, rollover.GroupsCreated, rollover.MembershipsCarried));
        Assert.Equal((0, 0), (again.GroupsCreated, again.MembershipsCarried));
        Assert.Equal("3A", groups!.Single().Name);
        var carried = Assert.Single(overview!.Pupils);
        Assert.Equal(pupil.Id, carried.Id);
        Assert.Equal((ConsentState.Ontbreekt, ConsentState.Ontbreekt), (carried.Beeld, carried.Geluid));
    }

    internal static async Task AssertValidationProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("https://mediavault.hr.nl/problems/validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error on '{field}': {problem}");
    }
}
