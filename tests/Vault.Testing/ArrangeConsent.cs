using System.Net.Http.Json;
using Vault.Api.Agreements;
using Vault.Api.Placements;
using Vault.Consent.Gate;
using Vault.Consent.Registry;
using Vault.Shared.Identity;
using Vault.Shared.Time;

namespace Vault.Testing;

/// <summary>A class (group) at a placement's school with its consent administrator and pupils.</summary>
public sealed record ClassWorld(PlacementWorld Placement, TestUser ConsentAdmin, GroupView Group, IReadOnlyList<PupilView> Pupils);

/// <summary>Intent methods for the consent registry and the upload gate, through the vault's own API.</summary>
public static class ArrangeConsent
{
    public static Task<TestUser> CreateConsentAdministratorAsync(this VaultApiFactory vault, Guid schoolLocationId) =>
        vault.CreatePersonAsync("Toestemmingsbeheerder " + Guid.NewGuid().ToString("N")[..6], VaultRoles.ConsentAdministrator, schoolLocationId);

    public static async Task<GroupView> CreateGroupAsync(this VaultApiFactory vault, TestUser consentAdmin, Guid schoolLocationId, string name, int? schoolYear = null)
    {
        using var client = vault.SignInAs(consentAdmin);
        var year = schoolYear ?? SchoolYear.Containing(SchoolCalendar.DateInAmsterdam(vault.Time.GetUtcNow())).StartYear;
        var response = await client.PostAsJsonAsync("/api/consent/groups", new CreateGroupRequest(schoolLocationId, year, name), VaultApiFactory.JsonOptions);
        return await VaultApiFactory.ReadAsync<GroupView>(response);
    }

    public static async Task<PupilView> CreatePupilAsync(this VaultApiFactory vault, TestUser consentAdmin, Guid schoolLocationId, string name, DateOnly birthDate, Guid? groupId = null, string? number = null)
    {
        using var client = vault.SignInAs(consentAdmin);
        var response = await client.PostAsJsonAsync("/api/consent/pupils",
            new CreatePupilRequest(schoolLocationId, number ?? Guid.NewGuid().ToString("N")[..8], name, birthDate, groupId), VaultApiFactory.JsonOptions);
        return await VaultApiFactory.ReadAsync<PupilView>(response);
    }

    public static async Task<ConsentRecordView> RecordConsentAsync(
        this VaultApiFactory vault, TestUser consentAdmin, Guid pupilId, MediumDecision beeld, MediumDecision geluid,
        ConsentGiver givenBy = ConsentGiver.Ouder, DateOnly? givenOn = null, DateOnly? informedOn = null, int? schoolYear = null)
    {
        using var client = vault.SignInAs(consentAdmin);
        var today = SchoolCalendar.DateInAmsterdam(vault.Time.GetUtcNow());
        var on = givenOn ?? today.AddDays(-30);
        var response = await client.PostAsJsonAsync($"/api/consent/pupils/{pupilId}/consents",
            new RecordConsentRequest(schoolYear, beeld, geluid, givenBy, on, informedOn ?? on.AddDays(-7), ConsentMethod.PapierenFormulier), VaultApiFactory.JsonOptions);
        return await VaultApiFactory.ReadAsync<ConsentRecordView>(response);
    }

    /// <summary>
    /// A class at the placement's school: pupils aged 12 (under 16) by default, each with a parent's consent for image
    /// and sound unless <paramref name="withConsent"/> is false.
    /// </summary>
    public static async Task<ClassWorld> CreateClassAsync(this VaultApiFactory vault, PlacementWorld placement, int pupils = 3, bool withConsent = true, int age = 12)
    {
        var admin = await vault.CreateConsentAdministratorAsync(placement.SchoolLocationId);
        var group = await vault.CreateGroupAsync(admin, placement.SchoolLocationId, "2B-" + Guid.NewGuid().ToString("N")[..4]);
        var today = SchoolCalendar.DateInAmsterdam(vault.Time.GetUtcNow());
        var list = new List<PupilView>();
        for (var i = 0; i < pupils; i++)
        {
            var pupil = await vault.CreatePupilAsync(admin, placement.SchoolLocationId, $"Leerling {i + 1} {Guid.NewGuid().ToString("N")[..4]}", today.AddYears(-age).AddDays(-10 - i), group.Id);
            if (withConsent)
            {
                await vault.RecordConsentAsync(admin, pupil.Id, MediumDecision.Gegeven, MediumDecision.Gegeven);
            }

            list.Add(pupil);
        }

        return new ClassWorld(placement, admin, group, list);
    }

    /// <summary>A decision request for the class, recorded now (device file) or starting now (closed environment).</summary>
    public static DecisionRequest Question(this VaultApiFactory vault, ClassWorld world, CaptureMode capture = CaptureMode.DeviceFile, RecordingMedia media = RecordingMedia.BeeldEnGeluid,
        IReadOnlyList<Guid>? absent = null, InformedHow? informed = null, DateTimeOffset? at = null) =>
        new(world.Placement.Placement.Id, world.Group.Id, at ?? vault.Time.GetUtcNow(), absent ?? [], media, RecordingPurpose.Begeleiding, capture, informed);

    public static async Task<HttpResponseMessage> AskGateAsync(this VaultApiFactory vault, TestUser student, DecisionRequest request)
    {
        using var client = vault.SignInAs(student);
        return await client.PostAsJsonAsync("/api/gate/decisions", request, VaultApiFactory.JsonOptions);
    }

    /// <summary>
    /// An upload/capture ticket for a recording on <paramref name="world"/>'s placement: a class with consent is arranged
    /// (and, for a closed-environment opleidingsschool, the regulation acknowledged and the pupils informed).
    /// </summary>
    public static async Task<UploadTicket> GetUploadTicketAsync(this VaultApiFactory vault, PlacementWorld world, CaptureMode capture = CaptureMode.DeviceFile,
        RecordingMedia media = RecordingMedia.BeeldEnGeluid, int pupils = 3)
    {
        var klas = await vault.CreateClassAsync(world, pupils);
        if (capture == CaptureMode.ClosedEnvironment)
        {
            await vault.AcceptRegulationIfMissingAsync(world.Student);
        }

        var response = await vault.AskGateAsync(world.Student, vault.Question(klas, capture, media, informed: InformedHow.Mondeling));
        return (await VaultApiFactory.ReadAsync<DecisionView>(response)).Ticket;
    }

    /// <summary>R12: the student acknowledges the regulation 'Beeld- en Geluidsopnames' (no-op when done already).</summary>
    public static async Task AcceptRegulationIfMissingAsync(this VaultApiFactory vault, TestUser student)
    {
        using var client = vault.SignInAs(student);
        var mine = await client.GetFromJsonAsync<List<AcceptanceView>>("/api/agreements/acceptances/mine", VaultApiFactory.JsonOptions);
        if (!mine!.Any(a => a.Kind == AgreementKind.RegelingBeeldEnGeluid))
        {
            await vault.AcceptAgreementAsync(student, AgreementKind.RegelingBeeldEnGeluid);
        }
    }

    /// <summary>A placement with chosen dates (for school-year boundaries) for a new student, with their akkoord.</summary>
    public static async Task<PlacementWorld> CreatePlacementBetweenAsync(this VaultApiFactory vault, DateOnly start, DateOnly end, Guid? opleidingsschoolId = null)
    {
        var world = await vault.CreatePlacementAsync(opleidingsschoolId, acceptAgreement: false);
        var student = await vault.CreatePersonAsync("Student " + Guid.NewGuid().ToString("N")[..6], VaultRoles.Student);
        using var admin = vault.SignInAs(vault.Admin);
        List<CoachAssignment> coaches =
            [new(CoachRole.Instituutsopleider, world.Io.Id), new(CoachRole.Werkplekbegeleider, world.WpbOrWerkbegeleider.Id), new(CoachRole.Schoolopleider, world.So!.Id)];
        var response = await admin.PostAsJsonAsync("/api/placements",
            new CreatePlacementRequest(student.Id, world.SchoolLocationId, PlacementKind.Werkplekleren, start, end, coaches, null), VaultApiFactory.JsonOptions);
        var placement = await VaultApiFactory.ReadAsync<PlacementView>(response);
        await vault.AcceptAgreementAsync(student, AgreementKind.Raamovereenkomst);
        return world with { Placement = placement, Student = student };
    }
}
