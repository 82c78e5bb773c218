namespace EnergyOperator.MeterSidecar.Metering;

internal enum MeterState
{
    /// <summary>Probing sources; windows answer 503 until it is done.</summary>
    Starting,

    Ready,

    /// <summary>No source could measure or a requested one was unavailable; permanent.</summary>
    Failed,

    /// <summary>The host is shutting down and the meter is disposed.</summary>
    Stopped,
}
