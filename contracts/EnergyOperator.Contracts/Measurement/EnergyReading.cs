using System.Text.Json.Serialization;

namespace EnergyOperator.Contracts.Measurement;

/// <summary>How a reading's joules were obtained, from most to least trustworthy.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EnergyMethod>))]
public enum EnergyMethod
{
    /// <summary>Difference of a cumulative hardware energy counter (NVML total energy, RAPL energy_uj).</summary>
    [JsonStringEnumMemberName("counter")]
    Counter,

    /// <summary>Trapezoid integration of sampled power, used where a device has no energy counter.</summary>
    [JsonStringEnumMemberName("powerIntegration")]
    PowerIntegration,

    /// <summary>A model, not a sensor (for example process CPU time × watts per core). Always <c>estimated</c>.</summary>
    [JsonStringEnumMemberName("model")]
    Model,
}

/// <summary>The energy domains readings are named by, where code depends on the name.</summary>
public static class EnergyDomains
{
    public const string Gpu = "gpu";
}

/// <summary>
/// Energy of one domain (a GPU, a CPU package, DRAM, …) over one measurement window.
/// </summary>
/// <param name="Source">Meter source: <c>nvml</c>, <c>rapl</c> or <c>estimate</c>.</param>
/// <param name="Domain">Energy domain: <c>gpu</c>, <c>cpu-package</c>, <c>dram</c>, <c>psys</c>, <c>cpu</c>, …</param>
/// <param name="Device">The device within the domain: a GPU UUID, a RAPL zone such as <c>intel-rapl:0</c>; null for whole-process estimates.</param>
/// <param name="Joules">Energy inside the window.</param>
/// <param name="AverageWatts">Joules divided by the window's duration.</param>
/// <param name="PeakWatts">Highest power seen by the sampling loop inside the window; null when no sample fell inside it.</param>
/// <param name="Samples">Power or counter samples taken inside the window.</param>
/// <param name="Method">How the joules were obtained.</param>
/// <param name="Estimated">True when no sensor measured this energy; every output shows it.</param>
/// <param name="TooShort">True when the window was shorter than the counter's update period, so the figure is unreliable.</param>
public sealed record EnergyReading(
    string Source,
    string Domain,
    string? Device,
    double Joules,
    double AverageWatts,
    double? PeakWatts,
    int Samples,
    EnergyMethod Method,
    bool Estimated,
    bool TooShort = false);

/// <summary>The energy of one named phase (<c>idle-baseline</c>, <c>warmup</c>, <c>inference</c>, …).</summary>
/// <param name="Phase">The window's name.</param>
/// <param name="StartedAt">Wall-clock start.</param>
/// <param name="DurationSeconds">Monotonic duration.</param>
/// <param name="Readings">One reading per measured domain; domains never overlap (see docs/results.md).</param>
public sealed record WindowMeasurement(
    string Phase,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    IReadOnlyList<EnergyReading> Readings)
{
    /// <summary>Sum over the non-overlapping domains.</summary>
    public double TotalJoules => Readings.Sum(r => r.Joules);

    /// <summary>True when any part of the total came from a model rather than a sensor.</summary>
    public bool Estimated => Readings.Any(r => r.Estimated);

    /// <summary>The same window without its GPU readings.</summary>
    public WindowMeasurement WithoutGpus() => this with { Readings = [.. Readings.Where(r => r.Domain != EnergyDomains.Gpu)] };
}

/// <summary>Whether a meter source can measure on this machine, and if not, why.</summary>
/// <param name="Source">Source name (<c>nvml</c>, <c>rapl</c>, <c>estimate</c>).</param>
/// <param name="Available">True when the source measures.</param>
/// <param name="Reason">Why it is unavailable, phrased with the fix (for example "energy_uj is readable by root only (CVE-2020-8694): run the meter privileged").</param>
/// <param name="Devices">The devices it measures (GPU UUIDs and names, RAPL zones).</param>
public sealed record MeterSourceStatus(string Source, bool Available, string? Reason, IReadOnlyList<string> Devices);
