using Vault.Consent.Gate;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages;

/// <summary>Words for enum values the pages show, Dutch first with English next to it.</summary>
internal static class Labels
{
    public static string Purpose(RecordingPurpose purpose) =>
        purpose == RecordingPurpose.Beoordeling ? Text.T("Beoordeling", "Assessment") : Text.T("Begeleiding", "Coaching");

    /// <summary>A role's name in the page's language (<see cref="VaultRoles.DutchName"/> stays Dutch for the app registration).</summary>
    public static string Role(string role) => Text.T(VaultRoles.DutchName(role), role switch
    {
        VaultRoles.Student => "Student (teacher in training)",
        VaultRoles.Instituutsopleider => "Institute teacher educator (IO)",
        VaultRoles.Werkplekbegeleider => "Workplace coach (WPB)",
        VaultRoles.Schoolopleider => "School teacher educator (SO)",
        VaultRoles.Werkbegeleider => "Work supervisor",
        VaultRoles.ConsentAdministrator => "Consent administrator",
        VaultRoles.PrivacyOfficer => "Privacy officer (DPO)",
        VaultRoles.InstituteAdministrator => "Institute administrator",
        _ => role,
    });
}
