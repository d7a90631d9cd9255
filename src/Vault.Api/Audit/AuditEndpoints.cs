using Microsoft.AspNetCore.Http.HttpResults;
using Vault.Shared.Identity;

namespace Vault.Api.Audit;

/// <summary>The audit log's API. The privacy officer's workspace (queries, exports) builds on this group.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(VaultPolicies.PrivacyOfficer);
        group.MapPost("/verify", Verify).WithName("VerifyAuditChain").WithSummary("Hashketen van het auditlog controleren / Verify the audit chain");
        return group;
    }

    private static async Task<Ok<ChainVerification>> Verify(AuditVerifier verifier, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verifier.VerifyAsync(cancellationToken));
}
