using System.Globalization;
using System.Text;
using CsvHelper;
using Vault.Consent.Registry;

namespace Vault.Consent.Import;

/// <summary>One error in an import file: its line (1 = header) and column, as the administrator sees the file.</summary>
public sealed record ImportError(int Row, string Column, string Message);

/// <summary>One parsed data row; consent fields are null when the row carries no consent.</summary>
internal sealed record ImportRow(
    int Row, string PupilNumber, string Name, DateOnly? BirthDate, string Group,
    MediumDecision? Beeld, MediumDecision? Geluid, ConsentGiver? GivenBy, DateOnly? GivenOn, DateOnly? InformedOn)
{
    public bool HasConsent => Beeld is not null;
}

/// <summary>Why a file as a whole cannot be read: empty, too large, too many rows, wrong encoding, missing columns.</summary>
internal sealed record FileProblem(int Status, string Slug, string Message);

internal sealed record ParsedFile(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors, FileProblem? Problem);

/// <summary>
/// Reads the start-of-year CSV (see docs/consent-import.md): ';' or ',' separated, UTF-8 with or without BOM,
/// dd-mm-jjjj or ISO dates. Values are kept as text; nothing in a cell is ever evaluated.
/// </summary>
internal static class ConsentCsv
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 20_000;

    private static readonly string[] DateFormats = ["dd-MM-yyyy", "d-M-yyyy", "dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd.MM.yyyy"];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["leerlingnummer"] = Columns.PupilNumber, ["llnr"] = Columns.PupilNumber, ["stamnummer"] = Columns.PupilNumber, ["leerlingnr"] = Columns.PupilNumber,
        ["naam"] = Columns.Name, ["leerling"] = Columns.Name, ["volledigenaam"] = Columns.Name,
        ["geboortedatum"] = Columns.BirthDate,
        ["klas"] = Columns.Group, ["groep"] = Columns.Group,
        ["beeld"] = Columns.Beeld, ["toestemmingbeeld"] = Columns.Beeld,
        ["geluid"] = Columns.Geluid, ["toestemminggeluid"] = Columns.Geluid,
        ["gegevendoor"] = Columns.GivenBy,
        ["datumtoestemming"] = Columns.GivenOn, ["toestemmingsdatum"] = Columns.GivenOn,
        ["datumgeinformeerd"] = Columns.InformedOn, ["geinformeerdop"] = Columns.InformedOn,
    };

    public static ParsedFile Parse(byte[] bytes)
    {
        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
        {
            return Fail(400, "import-empty", "Het bestand is leeg. / The file is empty.");
        }

        if (bytes.Length > MaxBytes)
        {
            return Fail(413, "import-too-large", $"Het bestand is groter dan {MaxBytes / 1024 / 1024} MB. / The file is larger than {MaxBytes / 1024 / 1024} MB.");
        }

        if (!TryDecode(bytes, out var text))
        {
            return Fail(415, "import-encoding", "Het bestand is geen UTF-8. Sla het in uw leerlingadministratie of spreadsheet op als 'CSV UTF-8'. / The file is not UTF-8; save it as 'CSV UTF-8'.");
        }

        var firstLine = text.AsSpan()[..(text.IndexOfAny(['\r', '\n']) is var end and >= 0 ? end : text.Length)];
        var separator = firstLine.Count(';') >= firstLine.Count(',') ? ';' : ',';
        var options = new CsvReaderOptions { Separator = separator, TrimWhitespace = true, TrackLineNumbers = true, SkipEmptyLines = true };
        using var csv = CsvReader.FromText(text, options);
        var header = csv.Headers;
        if (header.Count == 0)
        {
            return Fail(400, "import-empty", "Het bestand is leeg. / The file is empty.");
        }

        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (Aliases.TryGetValue(Normalise(header[i]), out var column))
            {
                map.TryAdd(column, i);
            }
        }

        var missing = new[] { Columns.PupilNumber, Columns.Name, Columns.BirthDate, Columns.Group }.Where(c => !map.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return Fail(400, "import-columns", $"Verplichte kolommen ontbreken: {string.Join(", ", missing)}. / Required columns are missing.");
        }

        var rows = new List<ImportRow>();
        var errors = new List<ImportError>();
        while (csv.Read())
        {
            if (rows.Count >= MaxRows)
            {
                return Fail(413, "import-too-many-rows", $"Het bestand heeft meer dan {MaxRows} rijen. / The file has more than {MaxRows} rows.");
            }

            var line = (int)csv.LineNumber;
            string Cell(string column) => map.TryGetValue(column, out var index) && index < csv.FieldCount ? csv.GetString(index).Trim() : "";
            rows.Add(ReadRow(line, Cell, errors));
        }

        if (rows.Count == 0)
        {
            return Fail(400, "import-empty", "Het bestand bevat geen leerlingen. / The file contains no pupils.");
        }

        foreach (var duplicate in rows.Where(r => r.PupilNumber.Length > 0).GroupBy(r => r.PupilNumber, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var lines = string.Join(", ", duplicate.Select(r => r.Row));
            errors.AddRange(duplicate.Select(r => new ImportError(r.Row, Columns.PupilNumber, $"Leerlingnummer {r.PupilNumber} komt meer dan eens voor (rijen {lines}). / Duplicate pupil number.")));
        }

        return new ParsedFile(rows, errors, null);
    }

    private static ImportRow ReadRow(int row, Func<string, string> cell, List<ImportError> errors)
    {
        var number = cell(Columns.PupilNumber);
        if (ConsentRules.PupilNumberProblem(number) is { } numberProblem)
        {
            errors.Add(new(row, Columns.PupilNumber, numberProblem));
        }

        var name = cell(Columns.Name);
        if (ConsentRules.NameProblem(name) is { } nameProblem)
        {
            errors.Add(new(row, Columns.Name, nameProblem));
        }

        var group = cell(Columns.Group);
        if (group.Length is 0 or > 64)
        {
            errors.Add(new(row, Columns.Group, "De klas ontbreekt of is langer dan 64 tekens. / The group is missing or too long."));
        }

        var birth = Date(row, Columns.BirthDate, cell(Columns.BirthDate), required: true, errors);
        var beeld = Decision(row, Columns.Beeld, cell(Columns.Beeld), errors);
        var geluid = Decision(row, Columns.Geluid, cell(Columns.Geluid), errors);
        ConsentGiver? givenBy = null;
        DateOnly? givenOn = null, informedOn = null;
        if (beeld is not null || geluid is not null || cell(Columns.GivenOn).Length > 0)
        {
            if (beeld is null || geluid is null)
            {
                errors.Add(new(row, beeld is null ? Columns.Beeld : Columns.Geluid, "Vul zowel beeld als geluid in (ja/nee). / Fill in both image and sound (ja/nee)."));
            }

            givenBy = cell(Columns.GivenBy).ToLowerInvariant() switch
            {
                "ouder" or "ouders" or "verzorger" or "ouder/verzorger" => ConsentGiver.Ouder,
                "leerling" => ConsentGiver.Leerling,
                var other => Error<ConsentGiver?>(errors, new(row, Columns.GivenBy, $"'{other}' is geen geldige waarde; gebruik 'ouder' of 'leerling'. / Use 'ouder' or 'leerling'.")),
            };
            givenOn = Date(row, Columns.GivenOn, cell(Columns.GivenOn), required: true, errors);
            informedOn = Date(row, Columns.InformedOn, cell(Columns.InformedOn), required: true, errors);
        }

        return new ImportRow(row, number.Trim(), name.Trim(), birth, group.Trim(), beeld, geluid, givenBy, givenOn, informedOn);
    }

    private static MediumDecision? Decision(int row, string column, string value, List<ImportError> errors) => value.ToLowerInvariant() switch
    {
        "" => null,
        "ja" or "j" or "gegeven" or "toestemming" => MediumDecision.Gegeven,
        "nee" or "n" or "geweigerd" or "geen toestemming" => MediumDecision.Geweigerd,
        _ => Error<MediumDecision?>(errors, new(row, column, $"'{value}' is geen geldige waarde; gebruik 'ja' of 'nee'. / Use 'ja' or 'nee'.")),
    };

    private static DateOnly? Date(int row, string column, string value, bool required, List<ImportError> errors)
    {
        if (value.Length == 0)
        {
            return required ? Error<DateOnly?>(errors, new(row, column, "De datum ontbreekt. / The date is missing.")) : null;
        }

        return DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : Error<DateOnly?>(errors, new(row, column, $"'{value}' is geen datum; gebruik dd-mm-jjjj of jjjj-mm-dd. / Not a date; use dd-mm-yyyy or yyyy-mm-dd."));
    }

    private static T? Error<T>(List<ImportError> errors, ImportError error)
    {
        errors.Add(error);
        return default;
    }

    private static bool TryDecode(byte[] bytes, out string text)
    {
        text = "";
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return false;
        }

        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
            return !text.Contains('\0', StringComparison.Ordinal);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string Normalise(string header)
    {
        var decomposed = header.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        return new string([.. decomposed.Where(char.IsLetter)]);
    }

    private static ParsedFile Fail(int status, string slug, string message) => new([], [], new FileProblem(status, slug, message));

    public static class Columns
    {
        public const string PupilNumber = "leerlingnummer";
        public const string Name = "naam";
        public const string BirthDate = "geboortedatum";
        public const string Group = "klas";
        public const string Beeld = "beeld";
        public const string Geluid = "geluid";
        public const string GivenBy = "gegeven_door";
        public const string GivenOn = "datum_toestemming";
        public const string InformedOn = "datum_geinformeerd";
    }
}
