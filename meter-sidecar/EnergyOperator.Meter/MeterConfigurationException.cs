namespace EnergyOperator.Meter;

/// <summary>
/// The meter was configured with something it cannot measure (an unknown GPU, an unavailable source that was asked for,
/// an out-of-range option). The message names the setting and the fix; callers treat it as bad input.
/// </summary>
public sealed class MeterConfigurationException : Exception
{
    public MeterConfigurationException(string message)
        : base(message)
    {
    }
}
