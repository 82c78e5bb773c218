namespace EnergyOperator.Controllers.LeaderElection;

/// <summary>Leader election on a <c>coordination.k8s.io/v1</c> Lease, with client-go's defaults.</summary>
public sealed class LeaderElectionOptions
{
    /// <summary>When false, the process leads at once without a lease (one replica, or local runs). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Lease every replica competes for. Default <c>energy-operator</c>.</summary>
    public string LeaseName { get; set; } = "energy-operator";

    /// <summary>Where the Lease lives; null uses the client configuration's namespace (in cluster: the pod's). Default null.</summary>
    public string? LeaseNamespace { get; set; }

    /// <summary>This replica's holder identity; null uses <c>POD_NAME</c> (or the host name) plus a random suffix. Default null.</summary>
    public string? Identity { get; set; }

    /// <summary>How long a non-leader waits after the last observed renewal before taking over. Default 15 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives up leading. Default 10 s.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between acquire and renew attempts. Default 2 s.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>On graceful shutdown, empty the lease so that another replica takes over at once instead of after <see cref="LeaseDuration"/>. Default true.</summary>
    public bool ReleaseOnCancel { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(LeaseName))
        {
            throw new ArgumentException("LeaseName must be set.", nameof(LeaseName));
        }

        // As client-go: the leader must give up before anyone may take over, and retry at least once before giving up.
        if (RetryPeriod <= TimeSpan.Zero || RenewDeadline <= RetryPeriod || LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentOutOfRangeException(nameof(RenewDeadline), RenewDeadline, "Leader election needs 0 < RetryPeriod < RenewDeadline < LeaseDuration.");
        }
    }
}
