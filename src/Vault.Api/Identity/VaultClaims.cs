namespace Vault.Api.Identity;

/// <summary>Claim types as Entra ID issues them (inbound claim mapping is off).</summary>
public static class VaultClaims
{
    public const string ObjectId = "oid";
    public const string TenantId = "tid";
    public const string Name = "name";
    public const string Roles = "roles";
    public const string PreferredUsername = "preferred_username";
    public const string Email = "email";
}

public static class VaultSchemes
{
    /// <summary>The default: forwards to Bearer for API calls with a token, to the cookie otherwise.</summary>
    public const string Selector = "Vault";
    public const string DevelopmentCookie = "DevSignIn";
}
