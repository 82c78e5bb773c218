namespace EnergyOperator.Meter;

/// <summary>
/// A window's energy could not be measured for a domain (a sensor read failed, or a counter went backwards with no
/// known wrap range). Raised instead of reporting a wrong or silently missing figure.
/// </summary>
public sealed class EnergyMeasurementException : Exception
{
    public EnergyMeasurementException(string message)
        : base(message)
    {
    }

    public EnergyMeasurementException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
