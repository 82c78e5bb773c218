using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Testing.Schema;

namespace EnergyOperator.Contracts.Tests.Schema;

public sealed class CrdSchemaTests
{
    [Fact]
    public void Names_ScopeAndVersion_MatchTheContract()
    {
        var spec = Crd.Document["spec"]!;
        var version = spec["versions"]![0]!;

        Assert.Equal($"{EnergyBenchmark.Plural}.{EnergyBenchmark.Group}", (string?)Crd.Document["metadata"]!["name"]);
        Assert.Equal(EnergyBenchmark.Group, (string?)spec["group"]);
        Assert.Equal(EnergyBenchmark.KindValue, (string?)spec["names"]!["kind"]);
        Assert.Equal(EnergyBenchmark.Plural, (string?)spec["names"]!["plural"]);
        Assert.Equal("energybenchmark", (string?)spec["names"]!["singular"]);
        Assert.Equal(["ebench"], Strings(spec["names"]!["shortNames"]));
        Assert.DoesNotContain("all", Strings(spec["names"]!["categories"]));
        Assert.Equal("Namespaced", (string?)spec["scope"]);
        Assert.Equal(EnergyBenchmark.Version, (string?)version["name"]);
        Assert.True((bool)version["served"]! && (bool)version["storage"]!);
        Assert.Empty(version["subresources"]!["status"]!.AsObject());
    }

    [Fact]
    public void SpecNumbers_AllHaveAMinimumAndAMaximum()
    {
        // An unbounded integer lets 3000000000 through the API server, and the operator's int32 fields then fail to read the object.
        var unbounded = new List<string>();
        FindUnbounded(Crd.At("spec"), "spec", unbounded);

        Assert.Empty(unbounded);
    }

    private static void FindUnbounded(JsonObject schema, string path, List<string> unbounded)
    {
        if ((string?)schema["type"] is "integer" or "number" && (schema["minimum"] is null || schema["maximum"] is null))
        {
            unbounded.Add(path);
        }

        foreach (var (name, child) in schema["properties"]?.AsObject() ?? [])
        {
            FindUnbounded(child!.AsObject(), $"{path}.{name}", unbounded);
        }

        if (schema["items"] is JsonObject items)
        {
            FindUnbounded(items, path + "[]", unbounded);
        }

        if (schema["additionalProperties"] is JsonObject values)
        {
            FindUnbounded(values, path + "{}", unbounded);
        }
    }

    [Fact]
    public void PrinterColumns_PointAtTypedStatusFields()
    {
        var columns = Crd.Document["spec"]!["versions"]![0]!["additionalPrinterColumns"]!.AsArray()
            .Select(c => ((string)c!["name"]!, (string)c["type"]!, (string)c["jsonPath"]!))
            .ToList();

        Assert.Equal(
            [
                ("Phase", "string", ".status.phase"),
                ("Best-Accuracy", "number", ".status.bestAccuracy"),
                ("Joules", "number", ".status.totalJoules"),
                ("Runs", "integer", ".status.runsDone"),
                ("Total", "integer", ".status.runsTotal"),
                ("Age", "date", ".metadata.creationTimestamp"),
            ],
            columns);
        foreach (var (_, type, jsonPath) in columns.Where(c => c.Item3.StartsWith(".status.", StringComparison.Ordinal)))
        {
            Assert.Equal(type, (string?)Crd.At(jsonPath.TrimStart('.'))["type"]);
        }
    }

    [Fact]
    public void Schema_IsStructural()
    {
        var problems = new List<string>();
        Walk(Crd.OpenApiSchema, "openAPIV3Schema", problems);

        Assert.Empty(problems);
        Assert.Equal(["type"], Crd.At("metadata").Select(p => p.Key));
    }

    [Fact]
    public void EveryDefault_ValidatesAgainstItsOwnSchema()
    {
        // The API server refuses a CRD whose defaults its schema rejects.
        var defaults = new List<(string Path, JsonObject Schema)>();
        Collect(Crd.OpenApiSchema, "", defaults);

        Assert.NotEmpty(defaults);
        Assert.All(defaults, d => Assert.Empty(SchemaValidator.Validate(d.Schema["default"], d.Schema, d.Path)));
    }

    [Fact]
    public void Spec_CarriesTheAttributeConstraints()
    {
        Assert.Equal(["dataset", "models"], Strings(Crd.At("spec")["required"]));
        Assert.Equal(1, (int?)Crd.At("spec.models")["minItems"]);
        Assert.Equal(32, (int?)Crd.At("spec.models")["maxItems"]);
        Assert.Equal(10, (int?)Crd.At("spec.models.[].classic.hashBits")["minimum"]);
        Assert.Equal(24, (int?)Crd.At("spec.models.[].classic.hashBits")["maximum"]);
        Assert.Equal("int32", (string?)Crd.At("spec.models.[].classic.hashBits")["format"]);
        Assert.Equal(0.05, (double?)Crd.At("spec.dataset.testFraction")["minimum"]);
        Assert.Equal(["cpu", "cuda"], Strings(Crd.At("spec.runtime.executionProvider")["enum"]));
        Assert.Equal(["spam-assassin"], Strings(Crd.At("spec.dataset.builtin")["enum"]));
        Assert.Equal(Patterns.DnsLabel, (string?)Crd.At("spec.models.[].name")["pattern"]);
        Assert.Equal(40, (int?)Crd.At("spec.models.[].name")["maxLength"]);
        Assert.Equal("^https?://.+", (string?)Crd.At("spec.models.[].onnx.url")["pattern"]);
        Assert.Equal("string", (string?)Crd.At("spec.hardware.[].nodeSelector")["additionalProperties"]!["type"]);
        Assert.Equal("int64", (string?)Crd.At("status.observedGeneration")["format"]);
        Assert.Equal("date-time", (string?)Crd.At("status.conditions.[].lastTransitionTime")["format"]);
    }

    [Fact]
    public void Spec_DefaultsComeFromAFreshInstance_AndPlaceholdersAreNotDefaults()
    {
        Assert.Equal(0.2, (double?)Crd.At("spec.dataset.testFraction")["default"]);
        Assert.Equal([32], Crd.At("spec.runtime.batchSizes")["default"]!.AsArray().Select(n => (int)n!));
        Assert.Equal(["auto"], Strings(Crd.At("spec.measurement.meters")["default"]));
        Assert.Equal("cpu", (string?)Crd.At("spec.runtime.executionProvider")["default"]);
        Assert.Equal(1e-6, (double?)Crd.At("spec.models.[].classic.l2")["default"]);
        Assert.Null(Crd.At("spec.models.[].name")["default"]);
        Assert.Null(Crd.At("spec.models.[].onnx.tokenizer.vocab")["default"]);
        Assert.Null(Crd.At("spec.models.[].classic.wordNgrams")["default"]);
        Assert.Null(Crd.At("status.runsTotal")["default"]);
    }

    [Theory]
    [InlineData("spec.dataset", "set exactly one of builtin or file", "builtin", "file")]
    [InlineData("spec.dataset.file", "set exactly one of path or url", "path", "url")]
    [InlineData("spec.models.[]", "set exactly one of classic, onnx, embedding, generative or server", "classic", "onnx", "embedding", "generative", "server")]
    [InlineData("spec.models.[].onnx", "set exactly one of path or url", "path", "url")]
    [InlineData("spec.models.[].embedding", "set exactly one of builtin, path or url", "builtin", "path", "url")]
    public void ExactlyOneOf_BecomesACelRuleNamingEveryField(string path, string message, params string[] fields)
    {
        var rule = Assert.Single(Crd.At(path)["x-kubernetes-validations"]!.AsArray())!;

        Assert.Equal($"[{string.Join(", ", fields.Select(f => $"has(self.{f})"))}].filter(x, x).size() == 1", (string?)rule["rule"]);
        Assert.Equal(message, (string?)rule["message"]);
    }

    private static void Walk(JsonObject node, string path, List<string> problems)
    {
        if (node["type"] is null && node["x-kubernetes-preserve-unknown-fields"] is null)
        {
            problems.Add($"{path}: no type");
        }

        if (node["properties"] is not null && node["additionalProperties"] is not null)
        {
            problems.Add($"{path}: both properties and additionalProperties");
        }

        if (((string?)node["type"] == "array") != (node["items"] is not null))
        {
            problems.Add($"{path}: items belong to arrays, and every array needs them");
        }

        if ((node["properties"] is not null || node["additionalProperties"] is not null) && (string?)node["type"] != "object")
        {
            problems.Add($"{path}: properties on a non-object");
        }

        foreach (var (name, child) in node["properties"]?.AsObject() ?? [])
        {
            Walk(child!.AsObject(), $"{path}.{name}", problems);
        }

        if (node["items"] is JsonObject items)
        {
            Walk(items, $"{path}[]", problems);
        }

        if (node["additionalProperties"] is JsonObject values)
        {
            Walk(values, $"{path}{{}}", problems);
        }
    }

    private static void Collect(JsonObject node, string path, List<(string, JsonObject)> defaults)
    {
        if (node.ContainsKey("default"))
        {
            defaults.Add((path, node));
        }

        foreach (var (name, child) in node["properties"]?.AsObject() ?? [])
        {
            Collect(child!.AsObject(), $"{path}.{name}", defaults);
        }

        if (node["items"] is JsonObject items)
        {
            Collect(items, $"{path}[]", defaults);
        }
    }

    private static List<string?> Strings(JsonNode? array) => array!.AsArray().Select(n => (string?)n).ToList();

    [Fact]
    public void RunResult_DerivedMembers_StayOutOfTheJsonAndTheSchema()
    {
        var run = new RunResult { Name = "r", Model = "m", Engine = "onnx", Hardware = "local", BatchSize = 1, Repetition = 1 };

        var json = JsonSerializer.SerializeToNode(run, ContractsJsonContext.Default.RunResult)!.AsObject();

        Assert.False(json.ContainsKey("isValidMeasurement"));
        Assert.False(Crd.At("status.runs.[]")["properties"]!.AsObject().ContainsKey("isValidMeasurement"));
    }
}
