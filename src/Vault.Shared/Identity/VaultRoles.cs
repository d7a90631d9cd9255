namespace Vault.Shared.Identity;

/// <summary>The Entra ID app roles of the vault (the <c>roles</c> claim), with their Dutch names.</summary>
public static class VaultRoles
{
    public const string Student = "Student";
    public const string Instituutsopleider = "Instituutsopleider";
    public const string Werkplekbegeleider = "Werkplekbegeleider";
    public const string Schoolopleider = "Schoolopleider";
    public const string Werkbegeleider = "Werkbegeleider";
    public const string ConsentAdministrator = "ConsentAdministrator";
    public const string PrivacyOfficer = "PrivacyOfficer";
    public const string InstituteAdministrator = "InstituteAdministrator";

    public static readonly IReadOnlyList<string> All =
    [
        Student, Instituutsopleider, Werkplekbegeleider, Schoolopleider, Werkbegeleider,
        ConsentAdministrator, PrivacyOfficer, InstituteAdministrator,
    ];

    /// <summary>Roles that coach a student on a placement.</summary>
    public static readonly IReadOnlyList<string> Coaches =
        [Instituutsopleider, Werkplekbegeleider, Schoolopleider, Werkbegeleider];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    public static string DutchName(string role) => role switch
    {
        Student => "Student (leraar in opleiding)",
        Instituutsopleider => "Instituutsopleider (IO)",
        Werkplekbegeleider => "Werkplekbegeleider (WPB)",
        Schoolopleider => "Schoolopleider (SO)",
        Werkbegeleider => "Werkbegeleider",
        ConsentAdministrator => "Toestemmingsbeheerder",
        PrivacyOfficer => "Privacy officer (FG)",
        InstituteAdministrator => "Beheerder Instituut",
        _ => role,
    };
}

/// <summary>Authorization policy names registered by the host.</summary>
public static class VaultPolicies
{
    public const string InstituteAdministrator = "vault:institute-admin";
    public const string ConsentAdministrator = "vault:consent-admin";
    public const string PrivacyOfficer = "vault:privacy-officer";
    public const string Student = "vault:student";
    public const string Coach = "vault:coach";
}
