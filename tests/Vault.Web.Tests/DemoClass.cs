using Microsoft.EntityFrameworkCore;
using Vault.Consent.Registry;
using Vault.Testing;

namespace Vault.Web.Tests;

/// <summary>
/// A class at a demo student's placement school, arranged through the consent registry's API by a consent
/// administrator of that school (the demo seed is not relied on for pupils and groups).
/// </summary>
internal sealed record DemoClass(Guid GroupId, string GroupName, IReadOnlyList<PupilView> Pupils)
{
    public static async Task<DemoClass> ArrangeAsync(Browser vault, string studentName, params (string Name, MediumDecision Beeld, MediumDecision Geluid)[] pupils)
    {
        var location = await vault.WithDbAsync(db => (
            from p in db.Placements
            join s in db.People on p.StudentId equals s.Id
            where s.DisplayName == studentName
            select p.SchoolLocationId).FirstAsync());
        var admin = await vault.CreateConsentAdministratorAsync(location);
        var group = await vault.CreateGroupAsync(admin, location, "Klas " + Guid.NewGuid().ToString("N")[..4]);
        var today = Vault.Shared.Time.SchoolCalendar.DateInAmsterdam(vault.Time.GetUtcNow());
        var list = new List<PupilView>();
        foreach (var (name, beeld, geluid) in pupils)
        {
            var pupil = await vault.CreatePupilAsync(admin, location, name, today.AddYears(-13), group.Id);
            await vault.RecordConsentAsync(admin, pupil.Id, beeld, geluid);
            list.Add(pupil);
        }

        return new DemoClass(group.Id, group.Name, list);
    }
}
