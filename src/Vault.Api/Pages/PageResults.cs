using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Shared.Problems;

namespace Vault.Api.Pages;

internal static class PageResults
{
    /// <summary>Shows a failed command's field errors (or its problem) on the page's form.</summary>
    public static void AddErrors<T>(this PageModel page, CommandResult<T> result)
        where T : class
    {
        if (result.Errors is { } errors)
        {
            foreach (var (field, messages) in errors.ToDictionary())
            {
                foreach (var message in messages)
                {
                    page.ModelState.AddModelError(field, message);
                }
            }
        }
        else
        {
            page.ModelState.AddModelError(string.Empty, result.FailureMessage);
        }
    }
}
