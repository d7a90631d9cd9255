using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vault.Shared.Problems;

namespace Vault.Consent.Import;

/// <summary>The start-of-year import: a preview with every row's outcome and error, and an all-or-nothing apply.</summary>
internal static class ImportEndpoints
{
    public static void MapImportEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/locations/{schoolLocationId:guid}/imports/preview", Preview).WithName("PreviewConsentImport")
            .WithSummary("Import controleren (CSV als request body) / Preview an import (CSV as the request body)");
        group.MapPost("/locations/{schoolLocationId:guid}/imports", Apply).WithName("ApplyConsentImport")
            .WithSummary("Import toepassen: alles of niets / Apply an import: all or nothing");
    }

    private static Task<IResult> Preview(Guid schoolLocationId, int? schoolYear, bool? createGroups, HttpRequest request, ConsentImporter importer, CancellationToken cancellationToken) =>
        RunAsync(schoolLocationId, schoolYear, createGroups ?? false, apply: false, request, importer, cancellationToken);

    private static Task<IResult> Apply(Guid schoolLocationId, int? schoolYear, bool? createGroups, HttpRequest request, ConsentImporter importer, CancellationToken cancellationToken) =>
        RunAsync(schoolLocationId, schoolYear, createGroups ?? false, apply: true, request, importer, cancellationToken);

    private static async Task<IResult> RunAsync(
        Guid schoolLocationId, int? schoolYear, bool createGroups, bool apply, HttpRequest request, ConsentImporter importer, CancellationToken cancellationToken)
    {
        var bytes = await ReadBodyAsync(request, cancellationToken);
        var result = await importer.RunAsync(schoolLocationId, schoolYear, createGroups, apply, bytes, cancellationToken);
        if (result.Value is { } preview && apply && !preview.CanApply)
        {
            return VaultProblems.Problem(ConsentImporter.ImportRefused, $"{preview.Errors.Count} fout(en); er is niets opgeslagen. / {preview.Errors.Count} error(s); nothing was stored.",
                new Dictionary<string, object?> { ["errors"] = preview.Errors, ["summary"] = preview.Summary });
        }

        return result.ToHttpResult(TypedResults.Ok).Result;
    }

    /// <summary>Reads at most <see cref="ConsentCsv.MaxBytes"/>; null when the body is larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ConsentCsv.MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ConsentCsv.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
