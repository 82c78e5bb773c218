using EnergyOperator.Contracts.Schema;

namespace EnergyOperator.Install.Tests.Kustomize;

/// <summary>
/// The kustomize files that are generated rather than written: the chart's default render and the CRD copy. The chart is
/// the one source of the operator's manifests; config/ only adds the namespace, the CRD and the GPU overlay.
/// </summary>
internal static class GeneratedConfig
{
    /// <summary>Set to 1 to rewrite the files instead of comparing them.</summary>
    public const string RegenerateVariable = "ENERGY_REGENERATE_CONFIG";

    public const string RegenerateCommand =
        $"{RegenerateVariable}=1 dotnet test tests/EnergyOperator.Install.Tests --filter FullyQualifiedName~{nameof(KustomizeTests)}.{nameof(KustomizeTests.GeneratedFiles_AreTheChartRenderAndTheCrd)}";

    public const string ChartRenderFile = "config/default/energy-operator.yaml";

    /// <summary>Each generated file's path relative to the repository root, and the content it must have.</summary>
    public static IReadOnlyDictionary<string, string> Expected() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ChartRenderFile] =
            $"# Generated from charts/energy-operator (default values, release {Repository.DefaultRelease.Name} in namespace " +
            $"{Repository.DefaultRelease.Namespace}); do not edit.\n# Regenerate: {RegenerateCommand}\n" +
            Chart.Renders.Default.ToYamlStream(),
        [$"config/crd/{CrdFiles.FileName}"] = File.ReadAllText(Repository.PathOf($"crds/{CrdFiles.FileName}")),
    };
}
