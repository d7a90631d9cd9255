using System.Text.RegularExpressions;
using Xunit;

namespace Vault.Infra.Tests;

/// <summary>The container image (Dockerfile) and the deployment steps (infra/deploy.sh).</summary>
public sealed partial class ImageAndDeploymentTests
{
    private sealed record Instruction(string Keyword, string Arguments);

    /// <summary>The Dockerfile's instructions per stage, with line continuations joined and comments dropped.</summary>
    private static List<List<Instruction>> Stages()
    {
        var joined = Continuation().Replace(RepoFiles.Text("Dockerfile"), " ");
        var stages = new List<List<Instruction>>();
        foreach (var line in joined.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(' ', 2);
            var instruction = new Instruction(parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1].Trim() : "");
            if (instruction.Keyword == "FROM")
            {
                stages.Add([]);
            }

            if (stages.Count > 0)
            {
                stages[^1].Add(instruction);
            }
        }

        return stages;
    }

    [Fact]
    public void Container_image_installs_ffmpeg_and_runs_as_non_root()
    {
        var runtime = Stages()[^1];
        Assert.Contains(runtime, i => i.Keyword == "RUN" && i.Arguments.Contains("apt-get install", StringComparison.Ordinal) && Regex.IsMatch(i.Arguments, @"\bffmpeg\b"));

        var user = runtime.LastOrDefault(i => i.Keyword == "USER");
        Assert.NotNull(user);
        Assert.DoesNotContain(user.Arguments.Split(':')[0], new[] { "root", "0", "" });
        var userIndex = runtime.IndexOf(user);
        Assert.DoesNotContain(runtime.Skip(userIndex + 1), i => i.Keyword == "USER");
        Assert.DoesNotContain(runtime.Skip(userIndex + 1), i => i.Keyword == "RUN");
    }

    [Fact]
    public void Container_image_is_built_with_the_SDK_and_runs_on_the_ASP_NET_runtime()
    {
        var stages = Stages();
        Assert.True(stages.Count >= 2, "Multi-stage: the SDK never ships in the runtime image.");
        Assert.Contains("dotnet/sdk", stages[0][0].Arguments, StringComparison.Ordinal);
        Assert.Contains(stages[0], i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish src/Vault.Api", StringComparison.Ordinal));
        Assert.Contains(stages[0], i => i.Keyword == "RUN" && i.Arguments.Contains("--locked-mode", StringComparison.Ordinal));

        var runtime = stages[^1];
        Assert.Contains("dotnet/aspnet", runtime[0].Arguments, StringComparison.Ordinal);
        Assert.Contains(runtime, i => i.Keyword == "ENV" && i.Arguments.Contains("ASPNETCORE_URLS=http://+:8080", StringComparison.Ordinal));
        Assert.Contains(runtime, i => i.Keyword == "ENV" && i.Arguments.Contains("Vault__DataDirectory=", StringComparison.Ordinal));
        var entrypoint = Assert.Single(runtime, i => i.Keyword == "ENTRYPOINT");
        Assert.Equal("[\"dotnet\", \"Vault.Api.dll\"]", entrypoint.Arguments);
        Assert.DoesNotContain(runtime, i => i.Keyword == "CMD");

        var ignore = RepoFiles.Text(".dockerignore");
        foreach (var excluded in new[] { ".vault/", "**/bin/", "**/obj/", ".git/" })
        {
            Assert.Contains(excluded, ignore, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Deployment_applies_the_idempotent_SQL_Server_migration_script_as_a_step_not_at_start_up()
    {
        var deploy = RepoFiles.Text("infra/deploy.sh");
        Assert.Contains("set -euo pipefail", deploy, StringComparison.Ordinal);
        var script = MigrationCommand().Match(deploy);
        Assert.True(script.Success, "deploy.sh must generate the migration script with dotnet ef migrations script.");
        Assert.Contains("--idempotent", script.Value, StringComparison.Ordinal);
        Assert.Contains("--context SqlServerVaultDbContext", script.Value, StringComparison.Ordinal);
        Assert.Contains("--authentication-method ActiveDirectoryDefault", deploy, StringComparison.Ordinal);

        // The migration runs before the apps move to the new image, and the apps never migrate themselves.
        Assert.True(deploy.IndexOf("run_sql \"$WORK/migrate.sql\"", StringComparison.Ordinal) < deploy.IndexOf("deploy_template true", StringComparison.Ordinal));
        Assert.Contains(ArmTemplate.Main.AppSettings("api"), s => s is { Name: "Vault__Database__MigrateOnStart", Value: "false" });
        Assert.Contains(typeof(Vault.Api.Data.SqlServerVaultDbContext).Name, deploy, StringComparison.Ordinal);
    }

    [Fact]
    public void App_database_users_get_data_access_only_and_cannot_rewrite_the_audit_log()
    {
        var grants = RepoFiles.Text("infra/sql/grant-app-access.sql");
        Assert.Contains("FROM EXTERNAL PROVIDER", grants, StringComparison.Ordinal);
        Assert.Contains("db_datareader", grants, StringComparison.Ordinal);
        Assert.Contains("db_datawriter", grants, StringComparison.Ordinal);
        foreach (var tooMuch in new[] { "db_owner", "db_ddladmin", "CONTROL", "ALTER ANY" })
        {
            Assert.DoesNotContain(tooMuch, grants, StringComparison.Ordinal);
        }

        Assert.Contains("DENY UPDATE, DELETE ON OBJECT::dbo.AuditEntries", grants, StringComparison.Ordinal);
        Assert.Contains("AuditEntries", string.Join(' ', typeof(Vault.Api.Data.VaultDbContext).GetProperties().Select(p => p.Name)), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"dotnet ef migrations script(?:[^\n\\]|\\\n)*")]
    private static partial Regex MigrationCommand();
}
