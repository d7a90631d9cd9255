using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Vault.Testing;

/// <summary>
/// Entra-shaped access tokens signed by a test RSA key. The vault validates them through its real JwtBearer
/// pipeline (issuer, audience, lifetime, signature, tenant allow-list): there is no authentication bypass.
/// </summary>
public static class TestTokens
{
    public const string Audience = "api://mediavault-test";
    public const string ClientId = "6d1f3a52-0000-4000-8000-00000000c1d0";

    /// <summary>The Instituut's tenant.</summary>
    public const string Tenant = "11111111-1111-4111-8111-111111111111";

    /// <summary>A school's own tenant, also on the allow-list.</summary>
    public const string SchoolTenant = "22222222-2222-4222-8222-222222222222";

    /// <summary>A tenant that is not on the allow-list.</summary>
    public const string ForeignTenant = "33333333-3333-4333-8333-333333333333";

    /// <summary>Set in a child vault's environment (<see cref="ChildVault"/>): the parent's signing key (PEM), so its tokens are valid there.</summary>
    public const string KeyVariable = "MEDIAVAULT_TEST_SIGNING_KEY";

    private static readonly RSA Rsa = LoadOrCreateKey();

    public static RsaSecurityKey SigningKey { get; } = new(Rsa) { KeyId = "mediavault-test-key" };

    public static RsaSecurityKey OtherKey { get; } = new(RSA.Create(2048)) { KeyId = "mediavault-test-key" };

    /// <summary>The signing key as PEM, for a child vault that must accept this process's tokens.</summary>
    public static string SigningKeyPem => Rsa.ExportRSAPrivateKeyPem();

    public static string Issuer(string tenant) => $"https://login.mediavault.test/{tenant}/v2.0";

    public static string Create(
        string objectId,
        string tenant,
        string name,
        IEnumerable<string> roles,
        string? audience = null,
        TimeSpan? lifetime = null,
        SecurityKey? key = null,
        DateTimeOffset? notBefore = null,
        string? preferredUsername = null,
        string? email = null)
    {
        var now = notBefore ?? TimeProvider.System.GetUtcNow().AddMinutes(-1);
        var claims = new Dictionary<string, object>
        {
            ["oid"] = objectId,
            ["tid"] = tenant,
            ["name"] = name,
            ["roles"] = roles.ToArray(),
            ["azp"] = ClientId,
        };
        if (preferredUsername is not null)
        {
            claims["preferred_username"] = preferredUsername;
        }

        if (email is not null)
        {
            claims["email"] = email;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer(tenant),
            Audience = audience ?? Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime ?? TimeSpan.FromHours(1)).UtcDateTime,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
            Subject = new ClaimsIdentity(),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public static string Unsigned(string objectId, string tenant, IEnumerable<string> roles)
    {
        static string B64(string json) => Base64UrlEncoder.Encode(json);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var payload = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["oid"] = objectId, ["tid"] = tenant, ["roles"] = roles.ToArray(), ["aud"] = Audience,
            ["iss"] = Issuer(tenant), ["nbf"] = now - 60, ["exp"] = now + 3600,
        });
        return B64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + B64(payload) + ".";
    }

    private static RSA LoadOrCreateKey()
    {
        var rsa = RSA.Create(2048);
        if (Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } pem)
        {
            rsa.ImportFromPem(pem);
        }

        return rsa;
    }
}
