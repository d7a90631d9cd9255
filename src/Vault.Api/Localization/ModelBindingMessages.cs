using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vault.Shared.Problems;

namespace Vault.Api.Localization;

/// <summary>
/// The framework's own form-binding messages (a date that is not a date, a missing value), Dutch first with English
/// next to it, read when the message is made so they follow the request's language like everything else on the page.
/// </summary>
internal sealed class ModelBindingMessages : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var m = options.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, field) => Text.T($"'{value}' is geen geldige waarde voor {field}.", $"'{value}' is not a valid value for {field}."));
        m.SetMissingBindRequiredValueAccessor(field => Text.T($"Vul {field} in.", $"Enter {field}."));
        m.SetMissingKeyOrValueAccessor(() => Text.T("Vul een waarde in.", "Enter a value."));
        m.SetMissingRequestBodyRequiredValueAccessor(() => Text.T("Het formulier is leeg.", "The form is empty."));
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Text.T($"'{value}' is geen geldige waarde.", $"'{value}' is not a valid value."));
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => Text.T("De waarde is niet geldig.", "The value is not valid."));
        m.SetUnknownValueIsInvalidAccessor(field => Text.T($"De waarde voor {field} is niet geldig.", $"The value for {field} is not valid."));
        m.SetValueIsInvalidAccessor(value => Text.T($"'{value}' is niet geldig.", $"'{value}' is not valid."));
        m.SetValueMustBeANumberAccessor(field => Text.T($"{field} moet een getal zijn.", $"{field} must be a number."));
        m.SetNonPropertyValueMustBeANumberAccessor(() => Text.T("Vul een getal in.", "Enter a number."));
        m.SetValueMustNotBeNullAccessor(value => Text.T($"Vul een waarde in (niet '{value}').", $"Enter a value (not '{value}')."));
    }
}
