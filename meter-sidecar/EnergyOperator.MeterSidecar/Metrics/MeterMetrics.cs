using EnergyOperator.Meter;
using EnergyOperator.MeterSidecar.Metering;

namespace EnergyOperator.MeterSidecar.Metrics;

/// <summary>The sidecar's <c>/metrics</c> page: the meter's running totals and the windows opened.</summary>
internal static class MeterMetrics
{
    public static string Render(MeterRuntime runtime, WindowBook windows)
    {
        var totals = runtime.ReadTotals();
        var domains = totals?.Domains ?? [];
        return new PrometheusTextWriter()
            .WriteFamily(
                "energy_meter_joules_total",
                MetricType.Counter,
                "Energy each domain used since the meter started, in joules.",
                domains.Select(domain => new MetricSample(DomainLabels(domain), domain.Joules)))
            .WriteFamily(
                "energy_meter_watts",
                MetricType.Gauge,
                "Power of each domain at the last sample, in watts.",
                domains.Where(domain => domain.Watts is not null).Select(domain => new MetricSample(DomainLabels(domain), domain.Watts!.Value)))
            .WriteFamily(
                "energy_meter_estimated",
                MetricType.Gauge,
                "1 when a domain's energy comes from a model (CPU time x watts per core) rather than a sensor.",
                domains
                    .DistinctBy(domain => (domain.Source, domain.Domain))
                    .Select(domain => new MetricSample([new("source", domain.Source), new("domain", domain.Domain)], domain.Estimated ? 1 : 0)))
            .WriteFamily(
                "energy_meter_samples_total",
                MetricType.Counter,
                "Sampling rounds the meter has taken over all its sources.",
                [MetricSample.Unlabelled(totals?.Samples ?? 0)])
            .WriteFamily(
                "energy_meter_windows_total",
                MetricType.Counter,
                "Measurement windows opened, by phase.",
                windows.CountByPhase().Select(phase => new MetricSample([new("phase", phase.Key)], phase.Value)))
            .ToString();
    }

    private static KeyValuePair<string, string>[] DomainLabels(DomainTotal domain) =>
        [new("source", domain.Source), new("domain", domain.Domain), new("device", domain.Device ?? string.Empty)];
}
