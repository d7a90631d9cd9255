using Microsoft.AspNetCore.Hosting;

namespace Vault.Testing;

/// <summary>The vault as <c>./run.sh</c> starts it: Development, the persona picker, demo data.</summary>
public class DevelopmentVaultFactory : VaultApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Vault:DevelopmentSignIn:Enabled", "true");
        builder.UseSetting("Vault:SeedDemoData", "true");
    }

    /// <summary>Signs in through the persona picker's form (with its antiforgery token); returns the form post's answer.</summary>
    public static async Task<HttpResponseMessage> SignInWithPickerAsync(HttpClient client, string persona, CancellationToken cancellationToken)
    {
        var picker = await client.GetStringAsync("/dev/aanmelden", cancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(picker, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/dev/aanmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["slug"] = persona,
            ["__RequestVerificationToken"] = token,
        }), cancellationToken);
    }
}
