using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vault.Api.Data;
using Vault.Api.Hosting;
using Vault.Api.Identity;
using Vault.Api.Seed;
using Vault.Shared.Auditing;

namespace Vault.Api.Pages.Dev;

/// <summary>
/// The development persona picker. It answers 404 unless the development sign-in is enabled, which the host
/// allows only in the Development environment.
/// </summary>
public sealed class AanmeldenModel(IOptions<VaultOptions> options, IWebHostEnvironment environment, VaultDbContext db, IAuditTrail audit, TimeProvider time) : PageModel
{
    public IReadOnlyList<DemoSeeder.Persona> Personas => DemoSeeder.Personas;

    private bool Enabled => options.Value.DevelopmentSignIn.Enabled && environment.IsDevelopment();

    public IActionResult OnGet() => Enabled ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        var persona = DemoSeeder.Personas.FirstOrDefault(p => p.Slug == slug);
        if (!Enabled || persona is null)
        {
            return NotFound();
        }

        var claims = new List<Claim>
        {
            new(VaultClaims.ObjectId, DemoSeeder.ObjectId(persona)),
            new(VaultClaims.TenantId, DemoSeeder.Tenant),
            new(VaultClaims.Name, persona.Name),
        };
        claims.AddRange(persona.Roles.Select(r => new Claim(VaultClaims.Roles, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, VaultSchemes.DevelopmentCookie, VaultClaims.Name, VaultClaims.Roles));
        await HttpContext.SignInAsync(VaultSchemes.DevelopmentCookie, principal);
        HttpContext.User = principal;
        await CurrentActor.LinkAndRecordSignInAsync(principal, db, audit, time, cancellationToken, HttpContext.RequestServices.GetRequiredService<Vault.Shared.Identity.ICurrentActor>());
        return LocalRedirect("/");
    }
}
