using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EnergyOperator.Contracts.Measurement;

namespace EnergyOperator.Meter.Client;

/// <summary>
/// An <see cref="IEnergyMeter"/> that is the meter sidecar of the pod, reached over HTTP: windows are opened and
/// stopped by the sidecar, which keeps sampling and writes the run's summary when the runner calls
/// <see cref="FinishAsync"/> (or when the pod is stopped).
/// </summary>
/// <example>
/// <code>
/// await using var meter = new SidecarMeter(new SidecarMeterOptions());
/// await meter.StartAsync(cancellationToken);                 // waits for /readyz
/// var window = await meter.StartWindowAsync("inference", cancellationToken);
/// RunInference();
/// WindowMeasurement measurement = await window.StopAsync(cancellationToken);
/// await meter.FinishAsync(RunnerStatus.Succeeded, cancellationToken: cancellationToken);
/// </code>
/// </example>
public sealed class SidecarMeter : IEnergyMeter
{
    private static readonly MeterSidecarJsonContext Json = MeterSidecarJsonContext.Default;

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly SidecarMeterOptions _options;

    /// <summary>Creates a meter with its own <see cref="HttpClient"/>.</summary>
    /// <exception cref="MeterConfigurationException">An option is invalid.</exception>
    public SidecarMeter(SidecarMeterOptions options)
        : this(new HttpClient(), options, ownsHttpClient: true)
    {
    }

    /// <summary>Creates a meter over a caller-owned <see cref="HttpClient"/>; its base address is ignored.</summary>
    /// <exception cref="MeterConfigurationException">An option is invalid.</exception>
    public SidecarMeter(HttpClient httpClient, SidecarMeterOptions options)
        : this(httpClient, options, ownsHttpClient: false)
    {
    }

    private SidecarMeter(HttpClient httpClient, SidecarMeterOptions options, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = httpClient;
        _options = options;
        _ownsHttpClient = ownsHttpClient;
    }

    /// <summary>Waits until the sidecar's meter is started (<c>GET /readyz</c> answers 200).</summary>
    /// <exception cref="MeterConfigurationException">The sidecar's meter failed to start: no source can measure, or a requested one is unavailable.</exception>
    /// <exception cref="EnergyMeasurementException">The sidecar did not become ready within <see cref="SidecarMeterOptions.ReadyTimeout"/>.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        var readyz = Endpoint("readyz");
        while (true)
        {
            string lastAnswer;
            try
            {
                using var response = await _http.GetAsync(readyz, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                lastAnswer = await DescribeFailureAsync(response, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    throw new MeterConfigurationException($"The meter sidecar at {_options.BaseAddress} cannot measure: {lastAnswer}");
                }
            }
            catch (HttpRequestException failure)
            {
                lastAnswer = failure.Message;
            }

            if (time.GetElapsedTime(started) >= _options.ReadyTimeout)
            {
                throw new EnergyMeasurementException(
                    $"The meter sidecar at {_options.BaseAddress} did not become ready within {_options.ReadyTimeout.TotalSeconds:0.#} s (last answer: {lastAnswer}). " +
                    "Check that the sidecar container is running and listens on that address, and read its log.");
            }

            await Task.Delay(_options.ReadyPollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Opens a window on the sidecar (<c>POST /v1/windows</c>).</summary>
    /// <exception cref="EnergyMeasurementException">The sidecar refused (bad phase name, meter not ready, run finished) or could not be reached.</exception>
    public async Task<IMeterWindow> StartWindowAsync(string phase, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phase);
        var started = await SendAsync(
            HttpMethod.Post, "v1/windows", JsonContent.Create(new WindowStartRequest(phase, _options.Gpus.Count > 0 ? _options.Gpus : null), Json.WindowStartRequest), Json.WindowStarted, cancellationToken)
            .ConfigureAwait(false);
        return new SidecarWindow(this, started);
    }

    /// <summary>The sidecar's meter sources (<c>GET /v1/sources</c>).</summary>
    public async Task<IReadOnlyList<MeterSourceStatus>> DescribeAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Get, "v1/sources", content: null, Json.MeterSourceStatusArray, cancellationToken).ConfigureAwait(false);

    /// <summary>Every window the sidecar has opened, open or closed (<c>GET /v1/windows</c>).</summary>
    public async Task<IReadOnlyList<WindowRecord>> ListWindowsAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Get, "v1/windows", content: null, Json.WindowRecordArray, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Tells the sidecar the run is over (<c>POST /v1/finish</c>): it writes the summary, answers with it, and exits.
    /// </summary>
    /// <param name="status">Whether the runner succeeded.</param>
    /// <param name="message">Why it failed, or a note for the summary.</param>
    /// <exception cref="EnergyMeasurementException">The sidecar refused (already finished) or could not be reached.</exception>
    public Task<MeterSummary> FinishAsync(RunnerStatus status, string? message = null, CancellationToken cancellationToken = default)
    {
        var wireStatus = status == RunnerStatus.Succeeded ? "succeeded" : "failed";
        return SendAsync(
            HttpMethod.Post, "v1/finish", JsonContent.Create(new FinishRequest(wireStatus, message), Json.FinishRequest), Json.MeterSummary, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    internal Task<WindowMeasurement> StopWindowAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"v1/windows/{Uri.EscapeDataString(id)}/stop", content: null, Json.WindowMeasurement, cancellationToken);

    private async Task<T> SendAsync<T>(
        HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Endpoint(path)) { Content = content };
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var failure = await DescribeFailureAsync(response, cancellationToken).ConfigureAwait(false);
                throw new EnergyMeasurementException($"The meter sidecar refused {method} /{path}: {failure}");
            }

            return await response.Content.ReadFromJsonAsync(answer, cancellationToken).ConfigureAwait(false)
                ?? throw new EnergyMeasurementException($"The meter sidecar answered {method} /{path} with an empty body.");
        }
        catch (HttpRequestException failure)
        {
            throw new EnergyMeasurementException(
                $"The meter sidecar at {_options.BaseAddress} could not be reached for {method} /{path} ({failure.Message}): it may have exited; read its log.",
                failure);
        }
        catch (JsonException failure)
        {
            throw new EnergyMeasurementException(
                $"The meter sidecar answered {method} /{path} with JSON this client does not understand ({failure.Message}): the sidecar and runner images may be of different versions.",
                failure);
        }
    }

    private Uri Endpoint(string path) => new(_options.BaseAddress, path);

    /// <summary>"409 Window already stopped: …" from an RFC 7807 body, or the status and raw text when the body is not one.</summary>
    private static async Task<string> DescribeFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            if (JsonSerializer.Deserialize(body, Json.ProblemResponse) is { Detail: { } detail } problem)
            {
                return $"{(int)response.StatusCode} {problem.Title ?? response.ReasonPhrase}: {detail}";
            }
        }
        catch (JsonException)
        {
        }

        return string.IsNullOrWhiteSpace(body) ? status : $"{status}: {body.Trim()}";
    }
}
