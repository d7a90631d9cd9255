using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Placements;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Placements;

public sealed class PlacementTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpResponseMessage Response, string Body)> CreateAsync(CreatePlacementRequest request)
    {
        using var admin = vault.SignInAs(vault.Admin);
        var response = await admin.PostAsJsonAsync("/api/placements", request, VaultApiFactory.JsonOptions, Ct);
        return (response, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task An_administrator_creates_a_placement_with_its_coaches_and_the_creation_is_audited()
    {
        var world = await vault.CreatePlacementAsync();

        Assert.Equal(3, world.Placement.Coaches.Count);
        var audited = await vault.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "placements.created" && a.SubjectId == world.Placement.Id.ToString() && a.ActorPersonId == vault.Admin.Id, Ct));
        Assert.True(audited);
    }

    public static TheoryData<string, string> InvalidPlacements => new()
    {
        { "end-before-start", "endDate" },
        { "unknown-school", "schoolLocationId" },
        { "coach-without-role", "coaches[1]" },
        { "missing-io", "coaches" },
        { "not-a-student", "studentId" },
        { "werkend-leren-without-employer", "employer" },
        { "wpb-on-werkend-leren", "coaches[1]" },
    };

    [Theory]
    [MemberData(nameof(InvalidPlacements))]
    public async Task An_invalid_placement_is_refused_with_a_validation_problem_and_nothing_is_stored(string kind, string field)
    {
        var school = await vault.CreateSchoolLocationAsync(Arrange.Osr);
        var student = await vault.CreatePersonAsync("Student", VaultRoles.Student);
        var io = await vault.CreatePersonAsync("IO", VaultRoles.Instituutsopleider);
        var wpb = await vault.CreatePersonAsync("WPB", VaultRoles.Werkplekbegeleider, school);
        var start = new DateOnly(2026, 9, 1);
        var request = new CreatePlacementRequest(student.Id, school, PlacementKind.Werkplekleren, start, start.AddMonths(9),
            [new(CoachRole.Instituutsopleider, io.Id), new(CoachRole.Werkplekbegeleider, wpb.Id)], null);
        request = kind switch
        {
            "end-before-start" => request with { EndDate = start.AddDays(-1) },
            "unknown-school" => request with { SchoolLocationId = Guid.NewGuid() },
            "coach-without-role" => request with { Coaches = [new(CoachRole.Instituutsopleider, io.Id), new(CoachRole.Werkplekbegeleider, io.Id)] },
            "missing-io" => request with { Coaches = [new(CoachRole.Werkplekbegeleider, wpb.Id)] },
            "not-a-student" => request with { StudentId = io.Id },
            "werkend-leren-without-employer" => request with { Kind = PlacementKind.WerkendLeren },
            "wpb-on-werkend-leren" => request with { Kind = PlacementKind.WerkendLeren, Employer = "BV", Coaches = [new(CoachRole.Instituutsopleider, io.Id), new(CoachRole.Werkplekbegeleider, wpb.Id)] },
            _ => request,
        };

        var (response, body) = await CreateAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("https://mediavault.hr.nl/problems/validation", body, StringComparison.Ordinal);
        Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
        Assert.False(await vault.WithDbAsync(db => db.Placements.AnyAsync(p => p.StudentId == student.Id || p.StudentId == io.Id, Ct)));
    }

    [Fact]
    public async Task An_overlapping_placement_for_the_same_student_is_refused()
    {
        var world = await vault.CreatePlacementAsync();
        var existing = world.Placement;
        var request = new CreatePlacementRequest(world.Student.Id, world.SchoolLocationId, PlacementKind.Werkplekleren, existing.EndDate.AddDays(-10), existing.EndDate.AddMonths(3),
            [new(CoachRole.Instituutsopleider, world.Io.Id), new(CoachRole.Werkplekbegeleider, world.WpbOrWerkbegeleider.Id)], null);

        var (response, body) = await CreateAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("overlapt", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replaced_coach_loses_the_placement_at_once_and_the_new_coach_gains_it_with_history_kept()
    {
        var world = await vault.CreatePlacementAsync();
        var newWpb = await vault.CreatePersonAsync("Nieuwe WPB", VaultRoles.Werkplekbegeleider, world.SchoolLocationId);
        using var admin = vault.SignInAs(vault.Admin);

        var response = await admin.PutAsJsonAsync($"/api/placements/{world.Placement.Id}/coaches/Werkplekbegeleider",
            new ReplaceCoachRequest(newWpb.Id, world.Placement.Version), VaultApiFactory.JsonOptions, Ct);
        var updated = await VaultApiFactory.ReadAsync<PlacementView>(response);

        using var oldCoach = vault.SignInAs(world.WpbOrWerkbegeleider);
        using var newCoach = vault.SignInAs(newWpb);
        Assert.Equal(HttpStatusCode.NotFound, (await oldCoach.GetAsync($"/api/placements/{world.Placement.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newCoach.GetAsync($"/api/placements/{world.Placement.Id}", Ct)).StatusCode);
        Assert.Contains(updated.Coaches, c => c.PersonId == world.WpbOrWerkbegeleider.Id && c.RemovedAt is not null);
        Assert.Contains(updated.Coaches, c => c.PersonId == newWpb.Id && c.RemovedAt is null);
    }

    [Fact]
    public async Task A_change_based_on_a_stale_version_is_refused_with_409()
    {
        var world = await vault.CreatePlacementAsync();
        using var admin = vault.SignInAs(vault.Admin);
        var first = await admin.PostAsJsonAsync($"/api/placements/{world.Placement.Id}/end",
            new EndPlacementRequest(world.Placement.StartDate.AddDays(10), PlacementEndReason.InOverleg, null, world.Placement.Version), VaultApiFactory.JsonOptions, Ct);
        var second = await admin.PutAsJsonAsync($"/api/placements/{world.Placement.Id}/coaches/Instituutsopleider",
            new ReplaceCoachRequest(world.Io.Id, world.Placement.Version), VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("problems/concurrency", await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_concurrent_writers_of_the_same_placement_cannot_both_win()
    {
        var world = await vault.CreatePlacementAsync();
        await vault.WithScopeAsync(async first =>
        {
            await vault.WithScopeAsync(async second =>
            {
                var a = first.GetRequiredService<Vault.Api.Data.VaultDbContext>();
                var b = second.GetRequiredService<Vault.Api.Data.VaultDbContext>();
                var pa = await a.Placements.SingleAsync(p => p.Id == world.Placement.Id, Ct);
                var pb = await b.Placements.SingleAsync(p => p.Id == world.Placement.Id, Ct);
                pa.EndNote = "first";
                pb.EndNote = "second";
                await a.SaveChangesAsync(Ct);
                await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => b.SaveChangesAsync(Ct));
            });
        });
    }

    [Fact]
    public async Task After_the_placement_ends_the_student_may_no_longer_record_R15()
    {
        var world = await vault.CreatePlacementAsync();
        var today = DateOnly.FromDateTime(vault.Time.GetUtcNow().UtcDateTime);
        using var admin = vault.SignInAs(vault.Admin);
        (await admin.PostAsJsonAsync($"/api/placements/{world.Placement.Id}/end",
            new EndPlacementRequest(today.AddDays(-1), PlacementEndReason.Uitschrijving, "uitgeschreven", world.Placement.Version), VaultApiFactory.JsonOptions, Ct)).EnsureSuccessStatusCode();

        using var student = vault.SignInAs(world.Student);
        var eligibility = await student.GetFromJsonAsync<Eligibility>($"/api/placements/{world.Placement.Id}/eligibility?date={today:yyyy-MM-dd}", VaultApiFactory.JsonOptions, Ct);

        Assert.False(eligibility!.MayRecord);
        Assert.Contains(eligibility.Reasons, r => r.Rule == "R15" && r.Code == "placement-ended");
    }

    [Fact]
    public async Task Someone_not_on_the_placement_gets_404_for_it()
    {
        var world = await vault.CreatePlacementAsync();
        var other = await vault.CreatePlacementAsync();
        using var client = vault.SignInAs(other.Student);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/placements/{world.Placement.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/placements/{world.Placement.Id}/eligibility", Ct)).StatusCode);
    }
}
