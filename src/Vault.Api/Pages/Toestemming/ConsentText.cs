using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Consent.Registry;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Toestemming;

/// <summary>Dutch words (and a symbol) for consent states: the pages never say anything by colour alone.</summary>
public static class ConsentText
{
    public static string State(ConsentState state) => state switch
    {
        ConsentState.Gegeven => Text.T("✓ gegeven", "✓ given"),
        ConsentState.Geweigerd => Text.T("✗ geweigerd", "✗ refused"),
        _ => Text.T("! ontbreekt", "! missing"),
    };

    public static string CssClass(ConsentState state) => state switch
    {
        ConsentState.Gegeven => "consent consent-given",
        ConsentState.Geweigerd => "consent consent-refused",
        _ => "consent consent-missing",
    };

    public static string Decision(MediumDecision decision) => decision == MediumDecision.Gegeven ? Text.T("ja", "yes") : Text.T("nee", "no");

    public static string Giver(ConsentGiver giver) => giver == ConsentGiver.Leerling ? Text.T("leerling (16+)", "pupil (16+)") : Text.T("ouder/verzorger", "parent/guardian");

    public static string Method(ConsentMethod method) => method switch
    {
        ConsentMethod.PapierenFormulier => Text.T("papieren formulier", "paper form"),
        ConsentMethod.DigitaalFormulier => Text.T("digitaal formulier", "digital form"),
        _ => Text.T("geïmporteerd", "imported"),
    };

    public static string SchoolYear(int startYear) => $"{startYear}-{startYear + 1}";
}

/// <summary>The schoollocaties of the signed-in consent administrator, by name; the page's chosen one first.</summary>
public sealed record ConsentLocations(IReadOnlyList<(Guid Id, string Name)> All, Guid? Current)
{
    public string CurrentName => All.FirstOrDefault(l => l.Id == Current).Name ?? "";

    public static async Task<ConsentLocations> LoadAsync(ConsentQueries queries, VaultDbContext db, Guid? chosen, CancellationToken cancellationToken)
    {
        var mine = await queries.LocationsAsync(cancellationToken);
        var ids = mine.ToList();
        var all = (await db.SchoolLocations.AsNoTracking().Where(l => ids.Contains(l.Id)).Select(l => new { l.Id, l.Name }).ToListAsync(cancellationToken))
            .OrderBy(l => l.Name, StringComparer.CurrentCulture).Select(l => (l.Id, l.Name)).ToList();
        Guid? current = chosen is { } c && mine.Contains(c) ? c : all.Count > 0 ? all[0].Id : null;
        return new ConsentLocations(all, current);
    }
}
