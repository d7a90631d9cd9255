using System.Globalization;

namespace Vault.Api.Recordings;

/// <summary>
/// A file name as a student's device gives it: shown in lists and used in download names, so it may carry no folder
/// (either separator; '.' or '..' alone), no control characters (NUL, CR/LF: header injection) and no direction or other
/// format characters (a right-to-left override, U+202E, before "gnp.exe" makes an .exe look like a .png).
/// </summary>
internal static class UploadFileName
{
    public static bool IsPlain(string? name) =>
        name is not null
        && name.IndexOfAny(['/', '\\']) < 0
        && name.Trim() is not ("." or "..")
        && !name.Any(c => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}
