using EnergyOperator.Meter;
using EnergyOperator.MeterSidecar.Metering;
using Prometheus;

namespace EnergyOperator.MeterSidecar.Metrics;

/// <summary>
/// The sidecar's <c>/metrics</c>: the meter's running totals, read when Prometheus scrapes, and the windows opened. A registry
/// of its own, so none of prometheus-net's default process and runtime metrics are exported.
/// </summary>
internal sealed class MeterMetrics
{
    /// <summary>Distinct phases given their own series; any further phase counts under <see cref="OtherPhase"/>.</summary>
    internal const int MaxPhases = 32;

    internal const string OtherPhase = "other";

    private readonly Lock _gate = new();
    private readonly HashSet<string> _phases = new(StringComparer.Ordinal);
    private readonly Counter _joules;
    private readonly Gauge _watts;
    private readonly Gauge _estimated;
    private readonly Counter _samples;
    private readonly Counter _windows;

    public MeterMetrics(MeterRuntime runtime)
    {
        var metrics = Prometheus.Metrics.WithCustomRegistry(Registry);
        _joules = metrics.CreateCounter(
            "energy_meter_joules_total", "Energy each domain used since the meter started, in joules.", "source", "domain", "device");
        _watts = metrics.CreateGauge("energy_meter_watts", "Power of each domain at the last sample, in watts.", "source", "domain", "device");
        _estimated = metrics.CreateGauge(
            "energy_meter_estimated", "1 when a domain's energy comes from a model (CPU time x watts per core) rather than a sensor.", "source", "domain");
        _samples = metrics.CreateCounter("energy_meter_samples_total", "Sampling rounds the meter has taken over all its sources.");
        _windows = metrics.CreateCounter("energy_meter_windows_total", "Measurement windows opened, by phase.", "phase");
        Registry.AddBeforeCollectCallback(() => Update(runtime.ReadTotals()));
    }

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public void WindowOpened(string phase)
    {
        lock (_gate)
        {
            // Phases come from the API's callers: bounded, so a caller cannot grow the scrape without end.
            if (!_phases.Contains(phase) && _phases.Count < MaxPhases)
            {
                _phases.Add(phase);
            }

            _windows.WithLabels(_phases.Contains(phase) ? phase : OtherPhase).Inc();
        }
    }

    private void Update(MeterTotals? totals)
    {
        if (totals is null)
        {
            return;
        }

        _samples.IncTo(totals.Samples);
        foreach (var domain in totals.Domains)
        {
            var device = domain.Device ?? string.Empty;
            _joules.WithLabels(domain.Source, domain.Domain, device).IncTo(domain.Joules);
            if (domain.Watts is { } watts)
            {
                _watts.WithLabels(domain.Source, domain.Domain, device).Set(watts);
            }

            _estimated.WithLabels(domain.Source, domain.Domain).Set(domain.Estimated ? 1 : 0);
        }
    }
}
