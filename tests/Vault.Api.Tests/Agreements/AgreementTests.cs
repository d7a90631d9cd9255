using System.Net;
using System.Net.Http.Json;
using Vault.Api.Agreements;
using Vault.Api.Placements;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Agreements;

public sealed class AgreementTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Eligibility> EligibilityAsync(PlacementWorld world)
    {
        using var student = vault.SignInAs(world.Student);
        return (await student.GetFromJsonAsync<Eligibility>($"/api/placements/{world.Placement.Id}/eligibility", VaultApiFactory.JsonOptions, Ct))!;
    }

    [Fact]
    public async Task The_Raamovereenkomst_of_18_June_2021_is_published_with_its_text_hash()
    {
        using var client = vault.SignInAs(vault.Admin);
        var versions = await client.GetFromJsonAsync<List<AgreementVersionView>>("/api/agreements", VaultApiFactory.JsonOptions, Ct);
        var raam = Assert.Single(versions!, v => v.Kind == AgreementKind.Raamovereenkomst && v.VersionLabel == "2021-06-18");
        var full = await client.GetFromJsonAsync<AgreementVersionView>($"/api/agreements/{raam.Id}", VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(new DateOnly(2021, 6, 18), raam.EffectiveFrom);
        Assert.Contains("RAAMOVEREENKOMST", full!.Text, StringComparison.Ordinal);
        Assert.Equal(AgreementTexts.Sha256(full.Text!), raam.TextSha256);
    }

    [Fact]
    public async Task Without_an_akkoord_the_student_may_not_record_R1_and_with_it_they_may()
    {
        var world = await vault.CreatePlacementAsync(acceptAgreement: false);

        var before = await EligibilityAsync(world);
        await vault.AcceptAgreementAsync(world.Student, AgreementKind.Raamovereenkomst);
        var after = await EligibilityAsync(world);

        Assert.Contains(before.Reasons, r => r.Rule == "R1" && r.Code == "no-akkoord");
        Assert.True(after.MayRecord, string.Join("; ", after.Reasons.Select(r => r.Message)));
    }

    [Fact]
    public async Task An_akkoord_on_a_text_other_than_the_published_one_is_refused()
    {
        var world = await vault.CreatePlacementAsync(acceptAgreement: false);
        using var student = vault.SignInAs(world.Student);
        var raam = (await student.GetFromJsonAsync<List<AgreementVersionView>>("/api/agreements", VaultApiFactory.JsonOptions, Ct))!.Where(v => v.Kind == AgreementKind.Raamovereenkomst).MaxBy(v => v.EffectiveFrom)!;

        var response = await student.PostAsJsonAsync($"/api/agreements/{raam.Id}/accept", new AcceptAgreementRequest(new string('0', 64), null), VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await EligibilityAsync(world)).MayRecord);
    }

    [Fact]
    public async Task A_new_version_in_force_requires_a_new_akkoord()
    {
        var world = await vault.CreatePlacementAsync();
        Assert.True((await EligibilityAsync(world)).MayRecord);
        using var admin = vault.SignInAs(vault.Admin);
        var today = DateOnly.FromDateTime(vault.Time.GetUtcNow().UtcDateTime);
        var published = await admin.PostAsJsonAsync("/api/agreements", new PublishAgreementRequest(
            AgreementKind.Raamovereenkomst, $"test-{Guid.NewGuid():N}", "Raamovereenkomst (herzien)", today.AddDays(-1), "Herziene tekst " + new string('x', 200) + Guid.NewGuid()), VaultApiFactory.JsonOptions, Ct);
        published.EnsureSuccessStatusCode();

        var eligibility = await EligibilityAsync(world);

        Assert.Contains(eligibility.Reasons, r => r.Rule == "R1");
    }

    [Fact]
    public async Task Werkend_leren_needs_the_akkoord_of_all_three_parties()
    {
        var world = await vault.CreatePlacementAsync(kind: PlacementKind.WerkendLeren);
        await vault.AcceptAgreementAsync(world.Student, AgreementKind.Driepartijenovereenkomst, world.Placement.Id);
        var missingTwo = await EligibilityAsync(world);

        using var admin = vault.SignInAs(vault.Admin);
        var tripartite = (await admin.GetFromJsonAsync<List<AgreementVersionView>>("/api/agreements", VaultApiFactory.JsonOptions, Ct))!.Single(v => v.Kind == AgreementKind.Driepartijenovereenkomst);
        foreach (var party in new[] { AgreementParty.Hogeschool, AgreementParty.Werkgever })
        {
            (await admin.PostAsJsonAsync($"/api/agreements/{tripartite.Id}/party-acceptances",
                new RecordPartyAcceptanceRequest(world.Placement.Id, party, vault.Admin.Id, "getekend via HR-portaal"), VaultApiFactory.JsonOptions, Ct)).EnsureSuccessStatusCode();
        }

        var complete = await EligibilityAsync(world);

        Assert.Equal(2, missingTwo.Reasons.Count(r => r.Rule == "R1"));
        Assert.True(complete.MayRecord, string.Join("; ", complete.Reasons.Select(r => r.Message)));
    }

    [Fact]
    public async Task At_a_Haagse_opleidingsschool_the_regulation_must_be_acknowledged_R12()
    {
        var world = await vault.CreatePlacementAsync(Arrange.Osh);

        var before = await EligibilityAsync(world);
        await vault.AcceptAgreementAsync(world.Student, AgreementKind.RegelingBeeldEnGeluid);
        var after = await EligibilityAsync(world);

        Assert.Contains(before.Reasons, r => r.Rule == "R12");
        Assert.True(after.MayRecord);
    }
}
