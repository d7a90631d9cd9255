using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Vault.Shared.Problems;

/// <summary>
/// A kind of error with a stable <c>type</c> URI and a Dutch and English title (RFC 9457).
/// The title follows the request's UI culture: Dutch first, English when asked for.
/// </summary>
public sealed record ProblemKind(string Slug, int Status, string TitleNl, string TitleEn)
{
    public const string TypeBase = "https://mediavault.hr.nl/problems/";

    public string Type => TypeBase + Slug;

    public string Title => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? TitleEn : TitleNl;
}

public static class VaultProblems
{
    public static readonly ProblemKind Validation = new("validation", 400, "De invoer is niet geldig", "The input is not valid");
    public static readonly ProblemKind NotFound = new("not-found", 404, "Niet gevonden", "Not found");
    public static readonly ProblemKind Conflict = new("conflict", 409, "Conflict met de huidige toestand", "Conflict with the current state");
    public static readonly ProblemKind Concurrency = new("concurrency", 409, "Iemand anders heeft dit intussen gewijzigd; laad opnieuw en probeer het nog eens", "Someone else changed this meanwhile; reload and try again");
    public static readonly ProblemKind Forbidden = new("forbidden", 403, "Hiervoor heeft u geen rechten", "You are not allowed to do this");
    public static readonly ProblemKind UnknownPerson = new("unknown-person", 403, "U bent aangemeld, maar nog niet bekend in de kluis", "You are signed in but not yet known to the vault");
    public static readonly ProblemKind PayloadTooLarge = new("payload-too-large", 413, "Het bestand of verzoek is te groot", "The file or request is too large");
    public static readonly ProblemKind UnsupportedMedia = new("unsupported-media", 415, "Dit soort inhoud wordt niet ondersteund", "This kind of content is not supported");
    public static readonly ProblemKind BadRequest = new("bad-request", 400, "Het verzoek is onjuist opgebouwd", "The request is malformed");

    public static ProblemHttpResult Problem(ProblemKind kind, string? detail = null, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Type = kind.Type,
            Title = kind.Title,
            Status = kind.Status,
            Detail = detail,
        };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>A 400 with field errors, in the shape of <see cref="HttpValidationProblemDetails"/>.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail, type: Validation.Type, title: Validation.Title);

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFoundProblem(string? detail = null) => Problem(NotFound, detail);
}

/// <summary>Collects field errors for a request; empty means valid.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsValid => errors.Count == 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public ValidationErrors Require(bool condition, string field, string message) => condition ? this : Add(field, message);

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public ValidationProblem ToProblem() => VaultProblems.Invalid(ToDictionary());
}

/// <summary>Bilingual text: Dutch first, English when the request asks for it.</summary>
public static class Text
{
    public static string T(string nl, string en) => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? en : nl;
}
