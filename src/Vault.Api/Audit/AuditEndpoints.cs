using Microsoft.AspNetCore.Http.HttpResults;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;

namespace Vault.Api.Audit;

/// <summary>The audit log's API. The privacy officer's workspace (queries, exports) lives under <c>/api/privacy</c>.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(VaultPolicies.PrivacyOfficer);
        group.MapPost("/verify", Verify).WithName("VerifyAuditChain")
            .WithSummary("Hashketen van het auditlog en de checkpoints controleren / Verify the audit chain against its checkpoints");
        return group;
    }

    private static async Task<Ok<ChainVerification>> Verify(AuditVerifier verifier, IAuditTrail audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await VerifyAndRecordAsync(verifier, audit, cancellationToken));

    /// <summary>Verifies the chain and records that it was verified (with the outcome): for the API and the privacy page.</summary>
    internal static async Task<ChainVerification> VerifyAndRecordAsync(AuditVerifier verifier, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var result = await verifier.VerifyAsync(cancellationToken);
        await audit.RecordNowAsync(VerifiedEvent(result, null), cancellationToken);
        return result;
    }

    internal static AuditEvent VerifiedEvent(ChainVerification result, string? systemActor) =>
        new(AuditActions.AuditVerified, "audit-log", null)
        {
            SystemActor = systemActor,
            Details = new { result.Intact, result.EntriesChecked, result.FirstBrokenSequence, result.CheckpointsChecked },
        };
}
