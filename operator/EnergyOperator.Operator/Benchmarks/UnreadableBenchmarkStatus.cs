using System.Globalization;
using System.Text.Json.Nodes;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Controllers.Informers;
using EnergyOperator.Kubernetes.Resources;

namespace EnergyOperator.Operator.Benchmarks;

/// <summary>
/// Marks an EnergyBenchmark the operator cannot read as <c>Invalid</c>: a JSON merge patch of <c>status</c> built from the
/// raw object's identity alone, since there is no typed object to build it from. It carries the resourceVersion that was
/// read, so that it fails with 409 rather than mark a version the author has fixed meanwhile.
/// </summary>
public static class UnreadableBenchmarkStatus
{
    public static KubernetesPatch Patch(UnreadableObject unreadable, string message, DateTimeOffset now)
    {
        var at = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        const string Reason = UnreadableObjectReporter.Reason;
        const string NothingRuns = "nothing runs until the object can be read";
        var patch = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["phase"] = BenchmarkPhases.Invalid,
                ["conditions"] = new JsonArray(
                    Condition(BenchmarkConditions.Ready, BenchmarkConditions.False, Reason, message, at),
                    Condition(BenchmarkConditions.Complete, BenchmarkConditions.False, Reason, NothingRuns, at),
                    Condition(BenchmarkConditions.Failed, BenchmarkConditions.False, Reason, NothingRuns, at),
                    Condition(BenchmarkConditions.Invalid, BenchmarkConditions.True, Reason, message, at)),
            },
        };
        if (unreadable.Metadata.ResourceVersion is { } version)
        {
            patch["metadata"] = new JsonObject { ["resourceVersion"] = version };
        }

        return KubernetesPatch.Merge(patch);
    }

    private static JsonObject Condition(string type, string status, string reason, string message, string at) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["reason"] = reason,
        ["message"] = message,
        ["lastTransitionTime"] = at,
    };
}
