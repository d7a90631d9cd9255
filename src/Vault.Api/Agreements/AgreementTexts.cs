using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;

namespace Vault.Api.Agreements;

/// <summary>
/// The agreement texts every installation starts with, published idempotently at start-up (matched by hash):
/// the Raamovereenkomst Werkplekleren of 18 June 2021, the werkend-leren roles document as the tripartite
/// agreement, and the Haagse regulation 'Beeld- en Geluidsopnames' with its privacy statement.
/// </summary>
public static class AgreementTexts
{
    public static async Task EnsurePublishedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<VaultDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        foreach (var (kind, label, title, effective, resource) in Initial)
        {
            var text = await ReadResourceAsync(resource);
            var hash = Sha256(text);
            if (await db.AgreementVersions.AnyAsync(a => a.TextSha256 == hash || (a.Kind == kind && a.VersionLabel == label), cancellationToken))
            {
                continue;
            }

            db.AgreementVersions.Add(new AgreementVersion
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                Kind = kind,
                VersionLabel = label,
                Title = title,
                EffectiveFrom = effective,
                Text = text,
                TextSha256 = hash,
                PublishedAt = time.GetUtcNow(),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static readonly (AgreementKind Kind, string Label, string Title, DateOnly Effective, string Resource)[] Initial =
    [
        (AgreementKind.Raamovereenkomst, "2021-06-18", "Samen Opleiden: Raamovereenkomst Werkplekleren", new DateOnly(2021, 6, 18), "raamovereenkomst-werkplekleren-2021-06-18.txt"),
        (AgreementKind.Driepartijenovereenkomst, "2024-1", "Werkend leren opleiden: rollen en verantwoordelijkheden (driepartijenovereenkomst)", new DateOnly(2024, 1, 1), "werkend-leren-driepartijen-2024.txt"),
        (AgreementKind.RegelingBeeldEnGeluid, "2021-1", "Regeling 'Beeld- en Geluidsopnames' en Privacyverklaring (Haagse opleidingsscholen)", new DateOnly(2021, 6, 18), "regeling-beeld-en-geluid-haagse-2021.txt"),
    ];

    private static async Task<string> ReadResourceAsync(string name)
    {
        var assembly = typeof(AgreementTexts).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(name, StringComparison.Ordinal));
        await using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
