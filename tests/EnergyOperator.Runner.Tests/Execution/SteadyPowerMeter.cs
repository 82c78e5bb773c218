using System.Diagnostics;
using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter;

namespace EnergyOperator.Runner.Tests.Execution;

/// <summary>A sensor that always reads the same power: each window's joules are its duration times that.</summary>
internal sealed class SteadyPowerMeter(double watts) : IEnergyMeter
{
    public List<string> Phases { get; } = [];

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IMeterWindow> StartWindowAsync(string phase, CancellationToken cancellationToken = default)
    {
        Phases.Add(phase);
        return Task.FromResult<IMeterWindow>(new Window(phase, watts));
    }

    public Task<IReadOnlyList<MeterSourceStatus>> DescribeAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MeterSourceStatus>>([]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Window(string phase, double watts) : IMeterWindow
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public string Phase => phase;

        public Task<WindowMeasurement> StopAsync(CancellationToken cancellationToken = default)
        {
            var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            var reading = new EnergyReading("nvml", EnergyDomains.Gpu, "GPU-0", watts * seconds, watts, watts, 1, EnergyMethod.Counter, Estimated: false);
            return Task.FromResult(new WindowMeasurement(phase, DateTimeOffset.UnixEpoch, seconds, [reading]));
        }
    }
}
