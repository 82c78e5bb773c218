using System.Globalization;
using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter;
using EnergyOperator.Meter.Client;
using EnergyOperator.MeterSidecar.Api;
using EnergyOperator.MeterSidecar.Configuration;
using EnergyOperator.MeterSidecar.Metrics;

namespace EnergyOperator.MeterSidecar.Metering;

/// <summary>
/// The windows the runner opened, by id, in opening order. Ids (<c>w1</c>, <c>w2</c>, …) are the sidecar's own: a
/// phase may be measured several times, and a repeated stop must be told apart from a stop of another window.
/// Closed for good when the run's summary is taken. At most <see cref="SidecarOptions.MaxWindows"/> are kept: the oldest
/// stopped window makes room for a new one, and when every kept window is still open a new one is refused.
/// </summary>
internal sealed class WindowBook(MeterRuntime runtime, MeterMetrics metrics, SidecarOptions options)
{
    private readonly Lock _gate = new();
    private readonly List<WindowEntry> _entries = [];
    private readonly Dictionary<string, WindowEntry> _byId = new(StringComparer.Ordinal);
    private int _opened;
    private bool _closed;

    /// <exception cref="MeterApiException">Bad phase (400), meter not ready (409/503), or the run already finished (409).</exception>
    public WindowStarted Open(string? phase, IReadOnlyList<string>? gpus = null)
    {
        var name = PhaseName.Validate(phase);
        lock (_gate)
        {
            if (_closed)
            {
                throw MeterApiException.Conflict("Run finished", "The run's summary was already written; no more windows can be opened.");
            }

            var meter = runtime.RequireReady();
            if (_entries.Count >= options.MaxWindows)
            {
                var oldest = _entries.FirstOrDefault(entry => entry.State != WindowState.Open)
                    ?? throw MeterApiException.Conflict("Too many open windows", $"{_entries.Count} windows are open; stop one before opening another.");
                _entries.Remove(oldest);
                _byId.Remove(oldest.Id);
            }

            var scope = GpuScope.Of(gpus, meter.ReadTotals());
            MeterWindow window;
            try
            {
                window = meter.StartWindow(name);
            }
            catch (InvalidOperationException stopping)
            {
                throw MeterApiException.Unavailable("Meter stopping", stopping.Message);
            }

            var entry = new WindowEntry("w" + (++_opened).ToString(CultureInfo.InvariantCulture), window, scope);
            _entries.Add(entry);
            _byId.Add(entry.Id, entry);
            metrics.WindowOpened(name);
            return new WindowStarted(entry.Id, name, window.StartedAt);
        }
    }

    /// <exception cref="MeterApiException">Unknown id (404), already stopped (409), meter stopping (503).</exception>
    /// <exception cref="EnergyMeasurementException">A sensor failed inside the window; the window is recorded as failed.</exception>
    public WindowMeasurement Stop(string id)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var entry))
            {
                throw MeterApiException.NotFound(
                    $"No window has id '{(id.Length > 32 ? id[..31] + "…" : id)}': open one with POST /v1/windows and stop it by the id that answer carries.");
            }

            if (entry.State != WindowState.Open)
            {
                var how = entry.State == WindowState.Failed ? "stopped and could not be measured" : "stopped";
                throw MeterApiException.Conflict(
                    "Window already stopped", $"Window '{id}' ({entry.Window.Phase}) was already {how}; open a new window to measure again.");
            }

            try
            {
                var measurement = entry.Scope.Apply(entry.Window.Stop());
                entry.Stopped(measurement);
                return measurement;
            }
            catch (EnergyMeasurementException failure)
            {
                entry.Failed(failure.Message);
                throw;
            }
            catch (InvalidOperationException refused)
            {
                // The meter refuses a stop once disposed, and a window too short for the clock to have moved.
                throw runtime.State == MeterState.Stopped
                    ? MeterApiException.Unavailable("Meter stopping", refused.Message)
                    : MeterApiException.Conflict("Window cannot be measured", refused.Message);
            }
        }
    }

    public IReadOnlyList<WindowRecord> List()
    {
        lock (_gate)
        {
            return _entries.Select(entry => entry.ToRecord()).ToArray();
        }
    }

    /// <summary>Refuses further windows and returns every window as it stands, for the run's summary.</summary>
    public IReadOnlyList<WindowRecord> Close()
    {
        lock (_gate)
        {
            _closed = true;
            return _entries.Select(entry => entry.ToRecord()).ToArray();
        }
    }
}
