using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter;
using EnergyOperator.MeterSidecar.Api;

namespace EnergyOperator.MeterSidecar.Metering;

/// <summary>
/// The GPUs one window reports. The meter samples every GPU it can see (in a pod, the node's); the runner names the ones it
/// was given, so a benchmark never counts a neighbour's GPU by accident.
/// </summary>
internal sealed class GpuScope
{
    private const string Nvml = "nvml";

    private readonly HashSet<string>? _gpus;

    private GpuScope(HashSet<string>? gpus) => _gpus = gpus;

    public static GpuScope All { get; } = new(null);

    /// <exception cref="MeterApiException">400 when a requested GPU is not one the meter measures.</exception>
    public static GpuScope Of(IReadOnlyList<string>? requested, MeterTotals totals)
    {
        if (requested is not { Count: > 0 })
        {
            return All;
        }

        var measured = totals.Domains.Where(d => d.Source == Nvml && d.Device is not null).Select(d => d.Device!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (measured.Count == 0)
        {
            // The manifest left NVML out of the meters: there is no GPU energy to narrow down.
            return All;
        }

        var unknown = requested.Where(gpu => !measured.Contains(gpu)).ToList();
        if (unknown.Count > 0)
        {
            throw MeterApiException.BadRequest(
                $"Unknown GPU {string.Join(", ", unknown)}: this meter measures {string.Join(", ", measured.Order(StringComparer.Ordinal))}. " +
                "Name the GPUs from the runner's NVIDIA_VISIBLE_DEVICES, on the same node as the meter.");
        }

        return new GpuScope(requested.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    public WindowMeasurement Apply(WindowMeasurement measurement) => _gpus is null
        ? measurement
        : measurement with { Readings = [.. measurement.Readings.Where(r => r.Source != Nvml || (r.Device is not null && _gpus.Contains(r.Device)))] };
}
