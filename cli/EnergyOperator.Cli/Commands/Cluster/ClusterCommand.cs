using System.CommandLine;
using System.Net;
using EnergyOperator.Cli.Output;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Errors;
using k8s.Exceptions;

namespace EnergyOperator.Cli.Commands.Cluster;

/// <summary>
/// Runs a command's work against the cluster and turns every way the cluster can fail it into one line naming the fix and an
/// exit code: 4 for the cluster (unreachable, no kubeconfig, missing CRD, RBAC), 2 for input it rejects. No stack traces.
/// </summary>
internal static class ClusterCommand
{
    private static readonly string Resource = $"{EnergyBenchmark.Plural}.{EnergyBenchmark.Group}";

    public static async Task<int> RunAsync(ParseResult parse, ClusterOptions options, Func<ClusterConnection, Task<int>> work, string? manifestNamespace = null)
    {
        ClusterConnection? connection = null;
        try
        {
            connection = options.Connect(parse, manifestNamespace);
            return await work(connection);
        }
        catch (Exception e) when (Describe(e, connection) is { } failure)
        {
            ErrorOutput.Write(parse, failure.Message);
            return failure.ExitCode;
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private static (int ExitCode, string Message)? Describe(Exception exception, ClusterConnection? connection)
    {
        var server = connection?.Server.ToString() ?? "the API server";
        var @namespace = connection?.Namespace ?? "";
        return exception switch
        {
            InvalidInputException e => (ExitCodes.InvalidInput, e.Message),
            KubeConfigException e => (ExitCodes.ClusterUnavailable, e.Message),
            // The library's exec and auth-provider credentials fail on first use, with these.
            KubernetesClientException e => (ExitCodes.ClusterUnavailable, $"cannot authenticate to {server}: {e.Message}"),
            HttpRequestException e => (ExitCodes.ClusterUnavailable,
                $"cannot reach {server}: {e.Message}. Is the cluster running, and is the context right (--context, --kubeconfig)?"),
            TimeoutException e => (ExitCodes.ClusterUnavailable, $"{server} is not answering: {e.Message}"),
            KubernetesApiException e => Describe(e, server, @namespace),
            _ => null,
        };
    }

    private static (int ExitCode, string Message) Describe(KubernetesApiException e, string server, string @namespace) => e.StatusCode switch
    {
        // A missing object names itself in the details; a missing resource type (no CRD) does not.
        HttpStatusCode.NotFound when string.IsNullOrEmpty(e.Status.Details?.Name) => (ExitCodes.ClusterUnavailable,
            $"{server} does not serve {Resource}/{EnergyBenchmark.Version}: the EnergyBenchmark CRD is not installed. " +
            "Install it with 'energyctl crd | kubectl apply -f -' or the Helm chart in charts/."),
        HttpStatusCode.NotFound => (ExitCodes.InvalidInput,
            $"energybenchmark \"{e.Status.Details!.Name}\" not found in namespace \"{@namespace}\" (energyctl list shows what is there)"),
        HttpStatusCode.Forbidden => (ExitCodes.ClusterUnavailable,
            $"RBAC denied the request: {e.Status.Message}. The user needs get, list, watch, create, update and delete on {Resource} " +
            $"in namespace \"{@namespace}\" (a Role and RoleBinding, see docs/pipelines.md)."),
        HttpStatusCode.Unauthorized => (ExitCodes.ClusterUnavailable,
            $"{server} rejected the credentials (401 Unauthorized): refresh the kubeconfig's token or pick another --context."),
        HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest => (ExitCodes.InvalidInput,
            $"the API server rejected the EnergyBenchmark: {e.Message}"),
        _ => (ExitCodes.ClusterUnavailable, $"{server} failed the request: {e.Message}"),
    };
}
