using Microsoft.AspNetCore.Http;
using Vault.Shared.Problems;

namespace Vault.Api.Hosting;

/// <summary>
/// Problems the framework writes itself (a body that is not JSON, an unknown field, 29 February of a non-leap year,
/// a wrong content type: minimal APIs answer these without reaching a handler) get the vault's stable type and
/// title instead of the RFC section link, so a client can tell every 4xx apart by <c>type</c>.
/// </summary>
internal static class StableProblemTypes
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type is { } type && !type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            return;
        }

        ProblemKind? kind = problem.Status switch
        {
            StatusCodes.Status400BadRequest => VaultProblems.BadRequest,
            StatusCodes.Status404NotFound => VaultProblems.NotFound,
            StatusCodes.Status413PayloadTooLarge => VaultProblems.PayloadTooLarge,
            StatusCodes.Status415UnsupportedMediaType => VaultProblems.UnsupportedMedia,
            _ => null,
        };
        if (kind is not null)
        {
            problem.Type = kind.Type;
            problem.Title = kind.Title;
        }
    }
}
