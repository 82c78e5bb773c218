using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Contracts.Validation;

namespace EnergyOperator.Operator.Benchmarks;

/// <summary>
/// What a benchmark author may ask of the cluster's nodes, set by the operator's admin (docs/security.md). A spec outside it
/// is <c>Invalid</c>, like any other bad spec; the chart's ValidatingAdmissionPolicy refuses the same specs at the API server.
/// </summary>
public sealed class PlacementPolicy
{
    /// <summary>Node selector label prefix never allowed: runner pods stay off control-plane nodes.</summary>
    public const string NodeRolePrefix = "node-role.kubernetes.io/";

    /// <summary>Label keys a target's <c>nodeSelector</c> may use; empty: any key but <see cref="NodeRolePrefix"/> ones.</summary>
    public List<string> AllowedNodeSelectorKeys { get; set; } = [];

    /// <summary>
    /// Taint keys a target may tolerate; empty: any key. A toleration without a key (it tolerates every taint) is never allowed.
    /// </summary>
    public List<string> AllowedTolerationKeys { get; set; } = [];

    /// <summary>Extended resources a target may request as <c>gpuResource</c>; empty: <see cref="DefaultGpuResource"/> only.</summary>
    public List<string> AllowedGpuResources { get; set; } = [];

    public const string DefaultGpuResource = "nvidia.com/gpu";

    /// <summary>
    /// Images a served model's <c>server.image</c> may name: an exact reference, or a prefix ending in <c>*</c>
    /// (<c>vllm/vllm-openai:*</c>). Empty: none, so that no benchmark runs an image the admin has not chosen.
    /// </summary>
    public List<string> AllowedModelServerImages { get; set; } = [];

    /// <summary>Most runs one benchmark may expand to (at most <see cref="RunPlanner.MaxRuns"/>).</summary>
    public int MaxRuns { get; set; } = RunPlanner.MaxRuns;

    public IReadOnlyList<ValidationProblem> Check(EnergyBenchmarkSpec spec)
    {
        var problems = new List<ValidationProblem>();
        for (var i = 0; i < spec.Hardware.Count; i++)
        {
            var target = spec.Hardware[i];
            var path = $"spec.hardware[{i}]";
            foreach (var key in target.NodeSelector?.Keys ?? [])
            {
                if (key.StartsWith(NodeRolePrefix, StringComparison.Ordinal)
                    || (AllowedNodeSelectorKeys.Count > 0 && !AllowedNodeSelectorKeys.Contains(key, StringComparer.Ordinal)))
                {
                    problems.Add(new($"{path}.nodeSelector", $"label '{key}' is not allowed by the operator's placement policy{Allowed(AllowedNodeSelectorKeys)}"));
                }
            }

            foreach (var toleration in target.Tolerations ?? [])
            {
                if (string.IsNullOrEmpty(toleration.Key))
                {
                    problems.Add(new($"{path}.tolerations", "a toleration without a key tolerates every taint: name the taint's key"));
                }
                else if (AllowedTolerationKeys.Count > 0 && !AllowedTolerationKeys.Contains(toleration.Key, StringComparer.Ordinal))
                {
                    problems.Add(new($"{path}.tolerations", $"taint '{toleration.Key}' may not be tolerated under the operator's placement policy{Allowed(AllowedTolerationKeys)}"));
                }
            }

            List<string> gpuResources = AllowedGpuResources.Count > 0 ? AllowedGpuResources : [DefaultGpuResource];
            if (!gpuResources.Contains(target.GpuResource, StringComparer.Ordinal))
            {
                problems.Add(new($"{path}.gpuResource", $"'{target.GpuResource}' is not allowed by the operator's placement policy{Allowed(gpuResources)}"));
            }
        }

        for (var i = 0; i < spec.Models.Count; i++)
        {
            if (spec.Models[i].Server?.Image is { } image && !AllowedModelServerImages.Any(allowed => Allows(allowed, image)))
            {
                problems.Add(new(
                    $"spec.models[{i}].server.image",
                    AllowedModelServerImages.Count == 0
                        ? $"'{image}' is not allowed: the operator's Placement.AllowedModelServerImages setting (chart value placement.allowedModelServerImages) allows no model-server image"
                        : $"'{image}' is not in the operator's Placement.AllowedModelServerImages setting (chart value placement.allowedModelServerImages){Allowed(AllowedModelServerImages)}"));
            }
        }

        var runs = (long)spec.Models.Count * Math.Max(1, spec.Hardware.Count) * spec.Runtime.BatchSizes.Count * spec.Runtime.Repetitions;
        if (runs > MaxRuns)
        {
            problems.Add(new("spec", $"expands to {runs:N0} runs; the operator's placement policy allows at most {MaxRuns} per benchmark: split it"));
        }

        return problems;
    }

    /// <exception cref="ArgumentException">A setting cannot be used; the message names it.</exception>
    public void Validate()
    {
        if (MaxRuns is < 1 or > RunPlanner.MaxRuns)
        {
            throw new ArgumentException($"Placement:MaxRuns is {MaxRuns}: use 1 to {RunPlanner.MaxRuns}.");
        }
    }

    private static bool Allows(string allowed, string image) =>
        allowed.EndsWith('*') ? image.StartsWith(allowed[..^1], StringComparison.Ordinal) : string.Equals(allowed, image, StringComparison.Ordinal);

    private static string Allowed(List<string> allowed) => allowed.Count > 0 ? $" (allowed: {string.Join(", ", allowed)})" : "";
}
