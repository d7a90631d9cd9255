using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Vault.Shared.Problems;

namespace Vault.Api.Pages;

/// <summary>
/// A number from <c>&lt;input type="number"&gt;</c> always arrives with a dot ("5.3"), whatever the page's language;
/// the framework would read it with the request's culture, and in Dutch the dot is the thousands separator (53).
/// Seconds on the player's forms are bound with this binder instead.
/// </summary>
internal sealed class InvariantNumberBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        var text = value.FirstValue;
        var optional = Nullable.GetUnderlyingType(bindingContext.ModelType) is not null;
        if (string.IsNullOrWhiteSpace(text) && optional)
        {
            bindingContext.Result = ModelBindingResult.Success(null);
        }
        else if (double.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                     CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            bindingContext.Result = ModelBindingResult.Success(number);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                Text.T($"'{text}' is geen getal (seconden, met een punt: 12.5).", $"'{text}' is not a number (seconds, with a dot: 12.5)."));
        }

        return Task.CompletedTask;
    }
}
