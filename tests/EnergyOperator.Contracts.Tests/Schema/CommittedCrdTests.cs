using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Schema;

namespace EnergyOperator.Contracts.Tests.Schema;

public sealed class CommittedCrdTests
{
    public static TheoryData<string> CommittedPaths => [.. CrdFiles.RelativePaths];

    [Theory]
    [MemberData(nameof(CommittedPaths))]
    public void CommittedCrd_EqualsWhatTheContractTypesGenerate(string relativePath)
    {
        var path = Path.Combine(Crd.RepositoryRoot, relativePath);
        Assert.True(File.Exists(path), $"{relativePath} is missing: run `dotnet run --project cli/EnergyOperator.Cli -- crd --write`.");

        var committed = File.ReadAllText(path);

        Assert.True(
            committed == Crd.Yaml,
            $"{relativePath} has drifted from the contract types ({FirstDifference(committed, Crd.Yaml)}): "
            + "run `dotnet run --project cli/EnergyOperator.Cli -- crd --write` and commit the result.");
    }

    [Fact]
    public void CommittedCopies_AreIdentical()
    {
        var copies = CrdFiles.RelativePaths.Select(p => File.ReadAllText(Path.Combine(Crd.RepositoryRoot, p))).Distinct().ToList();

        Assert.Single(copies);
    }

    [Fact]
    public void Yaml_StartsWithTheDoNotEditHeader()
    {
        Assert.StartsWith($"# {EnergyBenchmarkCrd.Header}\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n", Crd.Yaml);
    }

    [Fact]
    public void Yaml_ReadsBackAsTheGeneratedTree_WithEveryStringNumberAndBooleanTyped()
    {
        Assert.True(JsonNode.DeepEquals(EnergyBenchmarkCrd.ToJson(), Crd.Document), "the YAML writer changed a value or its type");
    }

    [Fact]
    public void Yaml_UsesLineFeedsAndNoTrailingSpaces()
    {
        Assert.DoesNotContain('\r', Crd.Yaml);
        Assert.DoesNotContain(Crd.Yaml.Split('\n'), line => line.EndsWith(' '));
    }

    private static string FirstDifference(string committed, string generated)
    {
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        return $"first difference at line {line + 1}: committed '{a.ElementAtOrDefault(line)}', generated '{b.ElementAtOrDefault(line)}'";
    }
}
