using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Vault.Shared.Problems;

/// <summary>
/// The outcome of a command shared by an API endpoint and a page: a value, field errors, or a problem
/// (not found, conflict, concurrency…). Endpoints turn it into problem details; pages into form errors.
/// </summary>
public sealed class CommandResult<T>
    where T : class
{
    private CommandResult(T? value, ValidationErrors? errors, ProblemKind? problem, string? detail)
    {
        Value = value;
        Errors = errors;
        Problem = problem;
        Detail = detail;
    }

    public T? Value { get; }

    public ValidationErrors? Errors { get; }

    public ProblemKind? Problem { get; }

    public string? Detail { get; }

    public bool Succeeded => Value is not null;

    public static CommandResult<T> Ok(T value) => new(value, null, null, null);

    public static CommandResult<T> Invalid(ValidationErrors errors) => new(null, errors, null, null);

    public static CommandResult<T> Fail(ProblemKind problem, string? detail = null) => new(null, null, problem, detail);

    public static implicit operator CommandResult<T>(T value) => Ok(value);

    /// <summary>The message a person reads when it failed (the detail, else the problem's title, else the first field error).</summary>
    public string FailureMessage => Detail ?? Problem?.Title ?? Errors?.ToDictionary().Values.SelectMany(v => v).FirstOrDefault() ?? "";

    public Results<TSuccess, ValidationProblem, ProblemHttpResult> ToHttpResult<TSuccess>(Func<T, TSuccess> success)
        where TSuccess : IResult
    {
        if (Value is not null)
        {
            return success(Value);
        }

        return Errors is not null ? Errors.ToProblem() : VaultProblems.Problem(Problem!, Detail);
    }
}
