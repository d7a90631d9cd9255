using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Vault.Infra.Tests;

/// <summary>The template is well-formed where no compiler checks it: every reference resolves, every expression closes.</summary>
public sealed partial class TemplateIntegrityTests
{
    [Theory]
    [InlineData("infra/azuredeploy.json")]
    [InlineData("infra/master-key.json")]
    public void Template_references_only_declared_parameters_and_variables(string path)
    {
        var root = RepoFiles.Json(path);
        var parameters = root.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var variables = root.TryGetProperty("variables", out var declared)
            ? declared.EnumerateObject().Select(v => v.Name)
                .Concat(declared.TryGetProperty("copy", out var copies) ? copies.EnumerateArray().Select(c => c.GetProperty("name").GetString()!) : [])
                .ToHashSet(StringComparer.Ordinal)
            : [];
        var text = root.GetRawText();
        Assert.All(ParameterReference().Matches(text), m => Assert.Contains(m.Groups[1].Value, parameters));
        Assert.All(VariableReference().Matches(text), m => Assert.Contains(m.Groups[1].Value, variables));
    }

    [Theory]
    [InlineData("infra/azuredeploy.json")]
    [InlineData("infra/master-key.json")]
    public void Every_template_expression_is_balanced(string path)
    {
        foreach (var expression in Strings(RepoFiles.Json(path)).Where(s => s.StartsWith('[') && !s.StartsWith("[[", StringComparison.Ordinal)))
        {
            Assert.EndsWith("]", expression, StringComparison.Ordinal);
            var depth = 0;
            var quoted = false;
            foreach (var c in expression[1..^1])
            {
                if (c == '\'')
                {
                    quoted = !quoted;
                }
                else if (!quoted)
                {
                    depth += c is '(' or '[' ? 1 : c is ')' or ']' ? -1 : 0;
                    Assert.True(depth >= 0, "Unbalanced: " + expression);
                }
            }

            Assert.True(depth == 0 && !quoted, "Unbalanced: " + expression);
        }
    }

    [Fact]
    public void Every_resource_declares_an_api_version_and_a_name()
    {
        foreach (var resource in ArmTemplate.Main.AllResources)
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}(-preview)?$", resource.GetProperty("apiVersion").GetString()!);
            Assert.False(string.IsNullOrWhiteSpace(ArmTemplate.Name(resource)));
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Append(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    [GeneratedRegex(@"parameters\('([A-Za-z0-9]+)'\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"variables\('([A-Za-z0-9]+)'\)")]
    private static partial Regex VariableReference();
}
