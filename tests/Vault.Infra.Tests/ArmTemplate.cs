using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Vault.Infra.Tests;

/// <summary>
/// Read access to infra/azuredeploy.json as it will be deployed: resources by type, variables, parameters, and
/// the few template expressions the tests need to follow (role ids, parameter bounds).
/// </summary>
internal sealed partial class ArmTemplate
{
    private ArmTemplate(JsonElement root) => Root = root;

    public static ArmTemplate Main { get; } = new(RepoFiles.Json("infra/azuredeploy.json"));

    public static ArmTemplate MasterKey { get; } = new(RepoFiles.Json("infra/master-key.json"));

    public JsonElement Root { get; }

    public string Text => Root.GetRawText();

    public IEnumerable<JsonElement> AllResources => Root.GetProperty("resources").EnumerateArray();

    public IReadOnlyList<JsonElement> Resources(string type) =>
        AllResources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The one resource of <paramref name="type"/> whose name expression contains <paramref name="nameFragment"/>.</summary>
    public JsonElement Resource(string type, string nameFragment = "")
    {
        var matches = Resources(type).Where(r => Name(r).Contains(nameFragment, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"Expected exactly one {type} named like '{nameFragment}', found {matches.Count}.");
        return matches[0];
    }

    public static string Name(JsonElement resource) => resource.GetProperty("name").GetString()!;

    public static JsonElement Properties(JsonElement resource) => resource.GetProperty("properties");

    public JsonElement Variable(string name) => Root.GetProperty("variables").GetProperty(name);

    public JsonElement Parameter(string name) => Root.GetProperty("parameters").GetProperty(name);

    /// <summary>The largest value an int property can take: a literal, or the <c>maxValue</c> of the parameter it names.</summary>
    public int MaxInt(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetInt32();
        }

        var parameter = ParameterReference().Match(value.GetString() ?? "");
        Assert.True(parameter.Success, $"Expected a number or [parameters('...')], got {value}.");
        var definition = Parameter(parameter.Groups[1].Value);
        Assert.True(definition.TryGetProperty("maxValue", out var max), $"Parameter {parameter.Groups[1].Value} must declare a maxValue.");
        return max.GetInt32();
    }

    /// <summary>The smallest value an int property can take.</summary>
    public int MinInt(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetInt32();
        }

        var parameter = ParameterReference().Match(value.GetString() ?? "");
        Assert.True(parameter.Success, $"Expected a number or [parameters('...')], got {value}.");
        var definition = Parameter(parameter.Groups[1].Value);
        Assert.True(definition.TryGetProperty("minValue", out var min), $"Parameter {parameter.Groups[1].Value} must declare a minValue.");
        return min.GetInt32();
    }

    /// <summary>The built-in role GUID a role assignment grants, followed through <c>variables('roleIds')</c>.</summary>
    public string RoleGuid(JsonElement roleAssignment)
    {
        var expression = Properties(roleAssignment).GetProperty("roleDefinitionId").GetString()!;
        var key = RoleIdReference().Match(expression);
        Assert.True(key.Success, $"Role definition must come from variables('roleIds'): {expression}");
        return Variable("roleIds").GetProperty(key.Groups[1].Value).GetString()!;
    }

    /// <summary>Which identity a role assignment is for: api, worker or pull (registry).</summary>
    public static string Principal(JsonElement roleAssignment)
    {
        var expression = Properties(roleAssignment).GetProperty("principalId").GetString()!;
        if (expression.Contains("variables('apiAppId')", StringComparison.Ordinal))
        {
            return "api";
        }

        if (expression.Contains("variables('workerAppId')", StringComparison.Ordinal))
        {
            return "worker";
        }

        if (expression.Contains("variables('pullIdentityId')", StringComparison.Ordinal))
        {
            return "pull";
        }

        throw new InvalidOperationException("Role assignment for an unknown principal: " + expression);
    }

    public static string Scope(JsonElement roleAssignment) =>
        roleAssignment.TryGetProperty("scope", out var scope) ? scope.GetString()! : "";

    /// <summary>The environment variables and arguments given to the apps: (name, value as written in the template).</summary>
    public IReadOnlyList<(string Name, string Value)> AppSettings(string role)
    {
        var settings = new List<(string, string)>();
        void AddEnv(string variable)
        {
            foreach (var entry in Variable(variable).EnumerateArray())
            {
                settings.Add((entry.GetProperty("name").GetString()!, entry.GetProperty("value").GetString()!));
            }
        }

        AddEnv("sharedEnv");
        foreach (var copy in Variable("copy").EnumerateArray())
        {
            var input = copy.GetProperty("input");
            settings.Add((input.GetProperty("name").GetString()!.Replace("[format('", "", StringComparison.Ordinal).Split('\'')[0], input.GetProperty("value").GetString()!));
        }

        if (role == "api")
        {
            AddEnv("apiEnv");
        }
        else
        {
            foreach (var argument in Variable("workerArgs").EnumerateArray().Select(a => a.GetString()!))
            {
                var pair = argument.TrimStart('-').Split('=', 2);
                settings.Add((pair[0], pair.Length > 1 ? pair[1] : ""));
            }
        }

        return settings;
    }

    public JsonElement App(string role) =>
        Resource("Microsoft.App/containerApps", role == "api" ? "variables('apiAppName')" : "variables('workerAppName')");

    [GeneratedRegex(@"^\[parameters\('([A-Za-z0-9]+)'\)\]$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"variables\('roleIds'\)\.([A-Za-z0-9]+)")]
    private static partial Regex RoleIdReference();
}
