namespace EnergyOperator.Meter;

/// <summary>Which energy sources an <see cref="EnergyMeter"/> uses.</summary>
public enum MeterSourceKind
{
    /// <summary>
    /// Every sensor that works on this machine (NVML, RAPL), plus the CPU-time estimate only when RAPL is unavailable.
    /// Unavailable sources are reported by <see cref="EnergyMeter.Describe"/>, not raised.
    /// </summary>
    Auto,

    /// <summary>NVIDIA GPUs through NVML; starting fails when NVML is unavailable.</summary>
    Nvml,

    /// <summary>CPU package, DRAM or platform energy through powercap RAPL; starting fails when RAPL is unavailable.</summary>
    Rapl,

    /// <summary>Process CPU time × watts per core (always labelled estimated); used even when RAPL works.</summary>
    Estimate,
}
