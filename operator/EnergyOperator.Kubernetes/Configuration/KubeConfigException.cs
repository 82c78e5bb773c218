namespace EnergyOperator.Kubernetes.Configuration;

/// <summary>The cluster connection could not be configured: the message names the file, the entry and the fix.</summary>
public sealed class KubeConfigException(string message, Exception? inner = null) : Exception(message, inner);
