using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace Vault.Infra.Tests;

/// <summary>
/// Issue 11, dependency audit: NuGet's vulnerability audit runs on every restore for direct and transitive packages at
/// every severity, its warnings fail the build, and no advisory is suppressed anywhere. Azurite (the only npm
/// dependency, a test tool) is pinned with integrity hashes; <c>npm audit</c> itself cannot run here (the registry
/// mirror answers its advisory endpoint with 405).
/// </summary>
public sealed class DependencyAuditTests
{
    [Fact]
    public void NuGet_audit_is_on_for_transitive_packages_at_every_severity_and_its_warnings_fail_the_build()
    {
        var properties = XDocument.Load(RepoFiles.Path("Directory.Build.props")).Descendants("PropertyGroup").Elements()
            .GroupBy(e => e.Name.LocalName).ToDictionary(g => g.Key, g => g.Last().Value.Trim(), StringComparer.Ordinal);

        Assert.Equal("true", properties["NuGetAudit"]);
        Assert.Equal("all", properties["NuGetAuditMode"]);
        Assert.Equal("low", properties["NuGetAuditLevel"]);
        Assert.Equal("true", properties["TreatWarningsAsErrors"]);
    }

    [Fact]
    public void No_project_or_props_file_suppresses_an_advisory_or_turns_the_audit_off()
    {
        var files = Directory.EnumerateFiles(RepoFiles.Root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal))
            .Where(f => !Ignored(f))
            .ToList();
        var offending = new List<string>();
        foreach (var file in files)
        {
            foreach (var element in XDocument.Load(file).Descendants())
            {
                var name = element.Name.LocalName;
                var value = element.HasElements ? "" : element.Value;
                if (name == "NuGetAuditSuppress"
                    || (name is "NoWarn" or "WarningsNotAsErrors" && value.Contains("NU190", StringComparison.OrdinalIgnoreCase))
                    || (name is "NuGetAudit" or "TreatWarningsAsErrors" && value.Trim() == "false"))
                {
                    offending.Add($"{Path.GetRelativePath(RepoFiles.Root, file)}: <{name}>{value}");
                }
            }
        }

        Assert.NotEmpty(files);
        Assert.Empty(offending);
    }

    [Fact]
    public async Task The_shipped_apps_evaluated_build_audits_every_package_and_suppresses_nothing()
    {
        var json = await MsBuildAsync("src/Vault.Api/Vault.Api.csproj",
            "-getProperty:NuGetAudit", "-getProperty:NuGetAuditMode", "-getProperty:NuGetAuditLevel", "-getProperty:TreatWarningsAsErrors",
            "-getProperty:NoWarn", "-getItem:NuGetAuditSuppress");
        var properties = json.GetProperty("Properties");

        Assert.Equal("true", properties.GetProperty("NuGetAudit").GetString());
        Assert.Equal("all", properties.GetProperty("NuGetAuditMode").GetString());
        Assert.Equal("low", properties.GetProperty("NuGetAuditLevel").GetString());
        Assert.Equal("true", properties.GetProperty("TreatWarningsAsErrors").GetString());
        Assert.DoesNotContain("NU190", properties.GetProperty("NoWarn").GetString() ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Empty(json.GetProperty("Items").GetProperty("NuGetAuditSuppress").EnumerateArray());
    }

    [Fact]
    public void Azurite_is_pinned_to_one_version_with_an_integrity_hash_for_every_npm_package()
    {
        var packages = RepoFiles.Json("package-lock.json").GetProperty("packages").EnumerateObject().Where(p => p.Name.Length > 0).ToList();
        var azurite = packages.Single(p => p.Name == "node_modules/azurite").Value;

        Assert.Matches(@"^3\.\d+\.\d+$", azurite.GetProperty("version").GetString());
        Assert.All(packages.Where(p => !p.Value.TryGetProperty("link", out _)), p =>
            Assert.StartsWith("sha512-", p.Value.GetProperty("integrity").GetString(), StringComparison.Ordinal));
    }

    private static bool Ignored(string path)
    {
        var relative = Path.GetRelativePath(RepoFiles.Root, path).Replace('\\', '/');
        return relative.StartsWith("node_modules/", StringComparison.Ordinal) || relative.StartsWith("artifacts/", StringComparison.Ordinal)
            || relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal);
    }

    private static async Task<JsonElement> MsBuildAsync(string project, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoFiles.Root };
        foreach (var argument in (string[])["msbuild", project, "-nologo", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, await errors);
        using var document = JsonDocument.Parse(await output);
        return document.RootElement.Clone();
    }
}
