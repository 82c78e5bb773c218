namespace EnergyOperator.MeterSidecar.Metrics;

internal enum MetricType
{
    Counter,
    Gauge,
}
