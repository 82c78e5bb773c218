namespace EnergyOperator.Meter.Client;

/// <summary>How the runner ended, as it tells the sidecar through <see cref="SidecarMeter.FinishAsync"/>.</summary>
public enum RunnerStatus
{
    Succeeded,
    Failed,
}
