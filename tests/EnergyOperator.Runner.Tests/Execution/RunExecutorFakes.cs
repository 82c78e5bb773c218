using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter;
using EnergyOperator.Runner.Models;

namespace EnergyOperator.Runner.Tests.Execution;

/// <summary>A classifier that always answers the first label.</summary>
internal sealed class FirstLabel : ITextClassifier
{
    public void Predict(IReadOnlyList<string> texts, Span<int> predictions, Span<float> scores)
    {
        predictions.Clear();
        scores.Fill(0.5f);
    }
}

/// <summary>A meter whose every window reads 80 J from a GPU and 5 J (estimated) from the CPU.</summary>
internal sealed class GpuAndCpuMeter : IEnergyMeter, IMeterWindow
{
    public string Phase => "inference";

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IMeterWindow> StartWindowAsync(string phase, CancellationToken cancellationToken = default) => Task.FromResult<IMeterWindow>(this);

    public Task<IReadOnlyList<MeterSourceStatus>> DescribeAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MeterSourceStatus>>([]);

    public Task<WindowMeasurement> StopAsync(CancellationToken cancellationToken = default) => Task.FromResult(new WindowMeasurement("inference", DateTimeOffset.UnixEpoch, 1,
    [
        new EnergyReading("nvml", EnergyDomains.Gpu, "GPU-0", 80, 80, null, 10, EnergyMethod.Counter, false),
        new EnergyReading("estimate", "cpu", null, 5, 5, null, 10, EnergyMethod.Model, true),
    ]));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
