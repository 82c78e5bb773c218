using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace EnergyOperator.Contracts.V1Alpha1;

/// <summary>
/// An energy benchmark: models × hardware targets × batch sizes × repetitions, each run scored for accuracy and metered in joules.
/// The same manifest drives <c>energyctl run</c> on one machine and <c>kubectl apply</c> on a cluster.
/// </summary>
public sealed record EnergyBenchmark : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "energy.energyoperator.io";
    public const string Version = "v1alpha1";
    public const string ApiVersionValue = Group + "/" + Version;
    public const string KindValue = "EnergyBenchmark";
    public const string Plural = "energybenchmarks";

    public string ApiVersion { get; set; } = ApiVersionValue;
    public string Kind { get; set; } = KindValue;
    public V1ObjectMeta Metadata { get; set; } = new();

    [Description("What to benchmark: dataset, models, hardware, runtime and measurement options.")]
    public EnergyBenchmarkSpec Spec { get; set; } = new();

    [Description("Written by the operator: conditions, per-run accuracy and joules, and a summary.")]
    public EnergyBenchmarkStatus? Status { get; set; }
}
