using System.Text.Json;

namespace Vault.Infra.Tests;

/// <summary>Files of the repository under test, found from the test binary upwards.</summary>
internal static class RepoFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public static string Text(string relative) => File.ReadAllText(Path(relative));

    public static JsonElement Json(string relative)
    {
        using var document = JsonDocument.Parse(Text(relative), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        return document.RootElement.Clone();
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "MediaVault.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("MediaVault.sln not found above " + AppContext.BaseDirectory);
    }
}
