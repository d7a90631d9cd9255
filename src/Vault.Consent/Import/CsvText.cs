namespace Vault.Consent.Import;

/// <summary>Cells written to CSV: formula-like text (=, +, -, @, tab, CR) is kept as text and never executed by a spreadsheet.</summary>
internal static class CsvText
{
    public static bool LooksLikeFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static string Cell(string value)
    {
        var text = LooksLikeFormula(value) ? "'" + value : value;
        return text.IndexOfAny([';', '"', '\n', '\r', ',']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
