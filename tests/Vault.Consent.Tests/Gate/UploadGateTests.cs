using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Agreements;
using Vault.Api.Placements;
using Vault.Consent.Gate;
using Vault.Consent.Registry;
using Vault.Shared.Auditing;
using Vault.Shared.Time;
using Vault.Testing;
using Xunit;

namespace Vault.Consent.Tests.Gate;

public sealed class UploadGateTests(ConsentVaultFactory vault) : IClassFixture<ConsentVaultFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateOnly Today => SchoolCalendar.DateInAmsterdam(vault.Time.GetUtcNow());

    private static async Task<(JsonElement Problem, string[] Reasons)> RefusalAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("https://mediavault.hr.nl/problems/upload-refused", problem.GetProperty("type").GetString());
        var reasons = problem.GetProperty("reasons").EnumerateArray().Select(r => $"{r.GetProperty("rule").GetString()}:{r.GetProperty("code").GetString()}").ToArray();
        return (problem, reasons);
    }

    private Task<T> InScopeAsync<T>(Func<IUploadGate, Task<T>> work)
    {
        var result = default(T)!;
        return vault.WithScopeAsync(async sp => result = await work(sp.GetRequiredService<IUploadGate>())).ContinueWith(_ => result, Ct);
    }

    [Fact]
    public async Task A_student_gets_a_ticket_bound_to_the_question_when_every_present_pupil_has_consent()
    {
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 3);

        var decision = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(world.Student, vault.Question(klas, media: RecordingMedia.BeeldEnGeluid)));

        Assert.True(decision.Allowed);
        Assert.Equal(world.Placement.Id, decision.Ticket.PlacementId);
        Assert.Equal(world.Student.Id, decision.Ticket.StudentId);
        Assert.Equal(klas.Pupils.Select(p => p.Id).Order(), decision.Ticket.PresentPupilIds.Order());
        Assert.Equal(CaptureMode.DeviceFile, decision.Ticket.Capture);
        var validation = await InScopeAsync(g => g.ValidateTicketAsync(decision.Ticket.TicketId, world.Student.Id, CaptureMode.DeviceFile, Ct));
        Assert.True(validation.IsValid);
        var audited = await vault.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.GateAllowed && e.SubjectId == decision.DecisionId.ToString(), Ct));
        Assert.All(klas.Pupils, p => Assert.Contains(p.Id.ToString("N"), audited.PupilIds, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_is_refused_when_a_pupil_under_16_has_no_parental_consent_and_the_reason_names_the_pupil()
    {
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 2);
        var newcomer = await vault.CreatePupilAsync(klas.ConsentAdmin, world.SchoolLocationId, "Nieuwe Leerling", Today.AddYears(-13), klas.Group.Id);

        var (problem, reasons) = await RefusalAsync(await vault.AskGateAsync(world.Student, vault.Question(klas)));

        Assert.Contains("R3:no-parental-consent-beeld", reasons);
        Assert.Contains("R3:no-parental-consent-geluid", reasons);
        var reason = problem.GetProperty("reasons").EnumerateArray().First(r => r.GetProperty("rule").GetString() == "R3");
        var pupil = Assert.Single(reason.GetProperty("pupils").EnumerateArray());
        Assert.Equal(newcomer.Id, pupil.GetProperty("id").GetGuid());
        Assert.Equal("Nieuwe Leerling", pupil.GetProperty("name").GetString());
        Assert.False(string.IsNullOrWhiteSpace(reason.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(reason.GetProperty("messageEn").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task An_absent_pupil_with_a_refusal_does_not_block_the_recording()
    {
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 2);
        var refuser = klas.Pupils[0];
        await vault.RecordConsentAsync(klas.ConsentAdmin, refuser.Id, MediumDecision.Geweigerd, MediumDecision.Geweigerd, givenOn: Today.AddDays(-1));

        var present = await vault.AskGateAsync(world.Student, vault.Question(klas));
        var absent = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(world.Student, vault.Question(klas, absent: [refuser.Id])));

        var (_, reasons) = await RefusalAsync(present);
        Assert.Contains("R4:refused-beeld", reasons);
        Assert.True(absent.Allowed);
        Assert.DoesNotContain(refuser.Id, absent.Ticket.PresentPupilIds);
    }

    [Fact]
    public async Task A_pupil_added_to_the_group_later_is_present_by_default_but_not_on_earlier_tickets()
    {
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 2);
        var earlier = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(world.Student, vault.Question(klas)));
        var later = await vault.CreatePupilAsync(klas.ConsentAdmin, world.SchoolLocationId, "Later Erbij", Today.AddYears(-12), klas.Group.Id);

        var (problem, _) = await RefusalAsync(await vault.AskGateAsync(world.Student, vault.Question(klas)));
        var recheck = await InScopeAsync(g => g.RecheckAsync(earlier.Ticket.TicketId, Ct));

        Assert.Contains(problem.GetProperty("reasons").EnumerateArray().SelectMany(r => r.GetProperty("pupils").EnumerateArray()), p => p.GetProperty("id").GetGuid() == later.Id);
        Assert.True(recheck.Allowed);
    }

    [Fact]
    public async Task Age_counts_on_the_recording_day_sixteen_on_the_birthday_itself()
    {
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 0);
        var sixteenToday = await vault.CreatePupilAsync(klas.ConsentAdmin, world.SchoolLocationId, "Jarig Vandaag", Today.AddYears(-16));
        using (var admin = vault.SignInAs(klas.ConsentAdmin))
        {
            (await admin.PostAsJsonAsync($"/api/consent/groups/{klas.Group.Id}/members", new AddMemberRequest(sixteenToday.Id, Today.AddDays(-30)), VaultApiFactory.JsonOptions, Ct)).EnsureSuccessStatusCode();
        }

        var onBirthday = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(world.Student, vault.Question(klas)));
        var dayBefore = await vault.AskGateAsync(world.Student, vault.Question(klas, at: vault.Time.GetUtcNow().AddDays(-1)));

        Assert.True(onBirthday.Allowed);
        Assert.Contains(sixteenToday.Id, onBirthday.Ticket.PresentPupilIds);
        var (problem, reasons) = await RefusalAsync(dayBefore);
        Assert.Contains("R3:no-parental-consent-beeld", reasons);
        Assert.Contains(problem.GetProperty("reasons").EnumerateArray().SelectMany(r => r.GetProperty("pupils").EnumerateArray()), p => p.GetProperty("id").GetGuid() == sixteenToday.Id);
    }

    [Fact]
    public async Task A_recording_at_23_30_on_31_July_belongs_to_the_old_school_year()
    {
        var world = await vault.CreatePlacementBetweenAsync(new DateOnly(2026, 6, 1), new DateOnly(2026, 8, 31));
        var admin = await vault.CreateConsentAdministratorAsync(world.SchoolLocationId);
        var oldYear = await vault.CreateGroupAsync(admin, world.SchoolLocationId, "4D", schoolYear: 2025);
        var pupil = await vault.CreatePupilAsync(admin, world.SchoolLocationId, "Eindejaars", new DateOnly(2012, 1, 1), oldYear.Id);
        await vault.RecordConsentAsync(admin, pupil.Id, MediumDecision.Gegeven, MediumDecision.Gegeven, givenOn: new DateOnly(2026, 6, 1), schoolYear: 2025);
        var klas = new ClassWorld(world, admin, oldYear, [pupil]);

        var lastEvening = await vault.AskGateAsync(world.Student, vault.Question(klas, at: SchoolCalendar.FromAmsterdam(new DateOnly(2026, 7, 31), new TimeOnly(23, 30))));
        var afterMidnight = await vault.AskGateAsync(world.Student, vault.Question(klas, at: SchoolCalendar.FromAmsterdam(new DateOnly(2026, 8, 1), new TimeOnly(0, 30))));

        var decision = await VaultApiFactory.ReadAsync<DecisionView>(lastEvening);
        Assert.Equal([pupil.Id], decision.Ticket.PresentPupilIds);
        await ConsentRegistryTestsAccess.AssertValidationProblemAsync(afterMidnight, "groupId");
    }

    [Fact]
    public async Task A_consent_withdrawn_between_ticket_and_completion_refuses_the_finished_upload()
    {
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 2);
        var decision = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(world.Student, vault.Question(klas)));
        using var admin = vault.SignInAs(klas.ConsentAdmin);
        (await admin.PostAsJsonAsync($"/api/consent/pupils/{klas.Pupils[1].Id}/withdrawals", new WithdrawConsentRequest(WithdrawMedia.BeeldEnGeluid, ConsentGiver.Ouder), VaultApiFactory.JsonOptions, Ct)).EnsureSuccessStatusCode();

        var recheck = await InScopeAsync(g => g.RecheckAsync(decision.Ticket.TicketId, Ct));

        Assert.False(recheck.Allowed);
        var reason = Assert.Single(recheck.Reasons, r => r.Code == "refused-geluid");
        Assert.Equal(klas.Pupils[1].Id, Assert.Single(reason.Pupils).PupilId);
    }

    [Fact]
    public async Task R5_an_image_refusal_offers_sound_only_and_sound_only_is_allowed()
    {
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 2);
        await vault.RecordConsentAsync(klas.ConsentAdmin, klas.Pupils[0].Id, MediumDecision.Geweigerd, MediumDecision.Gegeven, givenOn: Today.AddDays(-1));

        var (problem, reasons) = await RefusalAsync(await vault.AskGateAsync(world.Student, vault.Question(klas)));
        var soundOnly = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(world.Student, vault.Question(klas, media: RecordingMedia.AlleenGeluid)));

        Assert.True(problem.GetProperty("soundOnlyOffered").GetBoolean());
        Assert.Contains("R5:sound-only-possible", reasons);
        Assert.Equal(RecordingMedia.AlleenGeluid, soundOnly.Ticket.Media);
    }

    [Fact]
    public async Task Werkend_leren_needs_the_akkoord_of_all_three_parties()
    {
        var world = await vault.CreatePlacementAsync(kind: PlacementKind.WerkendLeren);
        var klas = await vault.CreateClassAsync(world, pupils: 1);

        var (_, before) = await RefusalAsync(await vault.AskGateAsync(world.Student, vault.Question(klas)));
        await vault.AcceptAgreementAsync(world.Student, AgreementKind.Driepartijenovereenkomst, world.Placement.Id);
        using var admin = vault.SignInAs(vault.Admin);
        var versions = await admin.GetFromJsonAsync<List<AgreementVersionView>>("/api/agreements", VaultApiFactory.JsonOptions, Ct);
        var tripartite = versions!.Where(v => v.Kind == AgreementKind.Driepartijenovereenkomst).OrderByDescending(v => v.EffectiveFrom).First();
        foreach (var party in new[] { AgreementParty.Hogeschool, AgreementParty.Werkgever })
        {
            (await admin.PostAsJsonAsync($"/api/agreements/{tripartite.Id}/party-acceptances",
                new RecordPartyAcceptanceRequest(world.Placement.Id, party, vault.Admin.Id, "ref-" + party), VaultApiFactory.JsonOptions, Ct)).EnsureSuccessStatusCode();
        }

        var after = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(world.Student, vault.Question(klas)));

        Assert.Contains("R1:no-akkoord-student", before);
        Assert.Contains("R1:no-akkoord-werkgever", before);
        Assert.True(after.Allowed);
    }

    [Fact]
    public async Task A_haagse_placement_refuses_a_device_file_that_a_general_placement_accepts()
    {
        var haagse = await vault.CreatePlacementAsync(Arrange.Osh);
        var general = await vault.CreatePlacementAsync(Arrange.Osr);
        var haagseKlas = await vault.CreateClassAsync(haagse, pupils: 2);
        var generalKlas = await vault.CreateClassAsync(general, pupils: 2);
        await vault.AcceptRegulationIfMissingAsync(haagse.Student);

        var (_, reasons) = await RefusalAsync(await vault.AskGateAsync(haagse.Student, vault.Question(haagseKlas, CaptureMode.DeviceFile, informed: InformedHow.Mondeling)));
        var accepted = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(general.Student, vault.Question(generalKlas, CaptureMode.DeviceFile)));
        var closed = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(haagse.Student, vault.Question(haagseKlas, CaptureMode.ClosedEnvironment, informed: InformedHow.Schriftelijk)));

        Assert.Equal(["R8:closed-environment-only"], reasons);
        Assert.True(accepted.Allowed);
        Assert.Equal(CaptureMode.ClosedEnvironment, closed.Ticket.Capture);
        Assert.Contains("R11", closed.RulesApplied);
        Assert.Equal([GateConditions.ViewersDirectlyInvolved], closed.Conditions);
        Assert.Empty(accepted.Conditions);
    }

    [Fact]
    public async Task Haagse_capture_needs_the_informed_attestation_the_regulation_and_given_consent_from_16()
    {
        var haagse = await vault.CreatePlacementAsync(Arrange.Osh);
        var klas = await vault.CreateClassAsync(haagse, pupils: 1);
        var older = await vault.CreatePupilAsync(klas.ConsentAdmin, haagse.SchoolLocationId, "Zeventien", Today.AddYears(-17), klas.Group.Id);

        var (_, reasons) = await RefusalAsync(await vault.AskGateAsync(haagse.Student, vault.Question(klas, CaptureMode.ClosedEnvironment)));

        Assert.Contains("R11:pupils-not-informed", reasons);
        Assert.Contains("R12:regulation-not-acknowledged", reasons);
        Assert.Contains("R10:consent-not-given-beeld", reasons);
        Assert.DoesNotContain(reasons, r => r.StartsWith("R3", StringComparison.Ordinal));
        await vault.RecordConsentAsync(klas.ConsentAdmin, older.Id, MediumDecision.Gegeven, MediumDecision.Gegeven, ConsentGiver.Leerling);
        await vault.AcceptRegulationIfMissingAsync(haagse.Student);
        var allowed = await VaultApiFactory.ReadAsync<DecisionView>(await vault.AskGateAsync(haagse.Student, vault.Question(klas, CaptureMode.ClosedEnvironment, informed: InformedHow.Mondeling)));
        Assert.True(allowed.Allowed);
    }

    [Fact]
    public async Task R15_an_ended_placement_refuses_new_recordings()
    {
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 1);
        using var admin = vault.SignInAs(vault.Admin);
        (await admin.PostAsJsonAsync($"/api/placements/{world.Placement.Id}/end",
            new EndPlacementRequest(Today.AddDays(-1), PlacementEndReason.InOverleg, null, world.Placement.Version), VaultApiFactory.JsonOptions, Ct)).EnsureSuccessStatusCode();

        var (_, reasons) = await RefusalAsync(await vault.AskGateAsync(world.Student, vault.Question(klas)));

        Assert.Contains("R15:placement-ended", reasons);
    }

    [Fact]
    public async Task R1_a_student_without_akkoord_is_refused()
    {
        var world = await vault.CreatePlacementAsync(acceptAgreement: false);
        var klas = await vault.CreateClassAsync(world, pupils: 1);

        var (_, reasons) = await RefusalAsync(await vault.AskGateAsync(world.Student, vault.Question(klas)));

        Assert.Contains("R1:no-akkoord", reasons);
    }

    [Fact]
    public async Task R2_a_question_without_purpose_is_invalid()
    {
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 1);

        var response = await vault.AskGateAsync(world.Student, vault.Question(klas) with { Purpose = null });

        await ConsentRegistryTestsAccess.AssertValidationProblemAsync(response, "purpose");
    }

    [Fact]
    public async Task Another_students_placement_is_not_found()
    {
        var world = await vault.CreatePlacementAsync();
        var other = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 1);

        var response = await vault.AskGateAsync(other.Student, vault.Question(klas));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_ticket_is_checked_for_owner_capture_mode_expiry_and_single_use()
    {
        var world = await vault.CreatePlacementAsync();
        var ticket = await vault.GetUploadTicketAsync(world);

        var notYours = await InScopeAsync(g => g.ValidateTicketAsync(ticket.TicketId, Guid.NewGuid(), CaptureMode.DeviceFile, Ct));
        var wrongMode = await InScopeAsync(g => g.ValidateTicketAsync(ticket.TicketId, world.Student.Id, CaptureMode.ClosedEnvironment, Ct));
        var unknown = await InScopeAsync(g => g.ValidateTicketAsync(Guid.NewGuid(), world.Student.Id, CaptureMode.DeviceFile, Ct));
        var recordingId = Guid.NewGuid();
        await vault.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IUploadGate>().RedeemAsync(ticket.TicketId, recordingId, Ct);
            await sp.GetRequiredService<IConsentDb>().SaveChangesAsync(Ct);
        });
        var used = await InScopeAsync(g => g.ValidateTicketAsync(ticket.TicketId, world.Student.Id, CaptureMode.DeviceFile, Ct));
        var withPupil = await InScopeAsync(g => g.RecordingsWithPupilAsync(ticket.PresentPupilIds[0], Ct));

        Assert.Equal(TicketProblem.NotYours, notYours.Problem);
        Assert.Equal(TicketProblem.WrongCaptureMode, wrongMode.Problem);
        Assert.Equal(TicketProblem.NotFound, unknown.Problem);
        Assert.Equal(TicketProblem.AlreadyUsed, used.Problem);
        Assert.Equal([recordingId], withPupil);
    }

    [Fact]
    public async Task A_ticket_expires()
    {
        await using var own = new ConsentVaultFactory();
        await own.InitializeAsync();
        var world = await own.CreatePlacementAsync();
        var ticket = await own.GetUploadTicketAsync(world);
        own.Time.Advance(UploadGate.TicketLifetime + TimeSpan.FromMinutes(1));

        TicketValidation? validation = null;
        await own.WithScopeAsync(async sp => validation = await sp.GetRequiredService<IUploadGate>().ValidateTicketAsync(ticket.TicketId, world.Student.Id, CaptureMode.DeviceFile, Ct));

        Assert.Equal(TicketProblem.Expired, validation!.Problem);
    }

    [Fact]
    public async Task R8_the_student_and_the_io_see_progress_towards_the_required_recordings()
    {
        var haagse = await vault.CreatePlacementAsync(Arrange.Osh);
        var ticket = await vault.GetUploadTicketAsync(haagse, CaptureMode.ClosedEnvironment);
        var recordingId = Guid.NewGuid();
        await vault.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IUploadGate>().RedeemAsync(ticket.TicketId, recordingId, Ct);
            await sp.GetRequiredService<IConsentDb>().SaveChangesAsync(Ct);
        });
        var stranger = await vault.CreatePlacementAsync();

        using var student = vault.SignInAs(haagse.Student);
        using var io = vault.SignInAs(haagse.Io);
        using var other = vault.SignInAs(stranger.Student);
        var mine = await student.GetFromJsonAsync<RequiredProgress>($"/api/gate/placements/{haagse.Placement.Id}/progress", VaultApiFactory.JsonOptions, Ct);
        var coach = await io.GetFromJsonAsync<RequiredProgress>($"/api/gate/placements/{haagse.Placement.Id}/progress", VaultApiFactory.JsonOptions, Ct);
        var hidden = await other.GetAsync($"/api/gate/placements/{haagse.Placement.Id}/progress", Ct);

        Assert.Equal((2, 1), (mine!.Required, mine.Made));
        Assert.Equal([GateConditions.ViewersDirectlyInvolved], await InScopeAsync(g => g.ConditionsForRecordingAsync(recordingId, Ct)));
        Assert.Equal(mine, coach);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task The_student_sees_the_groups_and_pupils_of_the_placements_school()
    {
        var world = await vault.CreatePlacementAsync();
        var klas = await vault.CreateClassAsync(world, pupils: 2);
        using var client = vault.SignInAs(world.Student);

        var groups = await client.GetFromJsonAsync<List<GateGroupView>>($"/api/gate/placements/{world.Placement.Id}/groups", VaultApiFactory.JsonOptions, Ct);

        var group = Assert.Single(groups!);
        Assert.Equal(klas.Group.Id, group.Id);
        Assert.Equal(klas.Pupils.Select(p => p.Id).Order(), group.Pupils.Select(p => p.Id).Order());
    }
}

internal static class ConsentRegistryTestsAccess
{
    public static Task AssertValidationProblemAsync(HttpResponseMessage response, string field) =>
        Registry.ConsentRegistryTests.AssertValidationProblemAsync(response, field);
}
