namespace Vault.Api.Organisations;

/// <summary>
/// The 14 opleidingsscholen named in the Raamovereenkomst Werkplekleren (party 1.2), with stable ids so that
/// every installation, migration and test names them the same way. Names are as the agreement writes them;
/// an administrator can complete them.
/// </summary>
public static class OpleidingsschoolSeed
{
    public sealed record Entry(Guid Id, string Code, string Name, bool IsHaagse);

    public static readonly IReadOnlyList<Entry> All =
    [
        New(1, "OSR", "OSR", false),
        New(2, "RPO", "RPO", false),
        New(3, "AOS-WB", "AOS-WB", false),
        New(4, "ZAOS", "ZAOS", false),
        New(5, "OSH", "OSH", true),
        New(6, "NOD", "NOD", true),
        New(7, "HOS", "HOS", true),
        New(8, "4OLS", "4OLS", true),
        New(9, "SCOOL", "SCOOL", false),
        New(10, "MONDRIAAN", "Opleidingsschool Mondriaan", false),
        New(11, "RIJNLAND", "Opleidingsschool Rijnland", false),
        New(12, "OSDW", "OS Delft-Westland", false),
        New(13, "RAOS", "RAOS", false),
        New(14, "HODOS", "HODOS", false),
    ];

    public static Entry ByCode(string code) => All.Single(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase));

    private static Entry New(int n, string code, string name, bool haagse) =>
        new(new Guid($"5c0a0000-0000-4000-8000-{n:D12}"), code, name, haagse);
}
