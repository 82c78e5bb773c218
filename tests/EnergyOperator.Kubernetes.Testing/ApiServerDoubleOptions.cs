namespace EnergyOperator.Kubernetes.Testing;

public sealed class ApiServerDoubleOptions
{
    /// <summary>Events kept for resuming watches; older resourceVersions get 410 Expired. Default 1,000.</summary>
    public int HistoryCapacity { get; set; } = 1000;

    /// <summary>How often watches that asked for bookmarks get one. Default 1 s (the real server: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock of <c>creationTimestamp</c> and <c>deletionTimestamp</c>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Serve pods, events, leases and energybenchmarks from the start. Default true.</summary>
    public bool RegisterDefaultKinds { get; set; } = true;

    /// <summary>
    /// Default, prune and validate energybenchmarks against the generated CRD's schema, as a cluster with the CRD installed
    /// does (a benchmark violating it is refused with 422). Turn off only to reach the operator's own spec validation with
    /// a spec the schema cannot express as invalid. Default true.
    /// </summary>
    public bool ValidateCustomResources { get; set; } = true;
}
