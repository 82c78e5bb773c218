using System.Collections;
using System.Globalization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter;

namespace EnergyOperator.MeterSidecar.Configuration;

/// <summary>
/// Reads <see cref="SidecarOptions"/> from the <c>Meter</c> configuration section. Parsed by hand rather than bound by
/// reflection, so every bad value fails with the setting's name, both spellings and an example.
/// </summary>
internal static class SidecarOptionsReader
{
    public const string Section = "Meter";
    public const string EnvironmentPrefix = "ENERGY_METER_";

    /// <summary>
    /// Adds every <c>ENERGY_METER_*</c> variable as a <c>Meter:*</c> key, underscores dropped, so
    /// <c>ENERGY_METER_SAMPLE_INTERVAL</c> sets <c>Meter:SampleInterval</c> (keys are case-insensitive).
    /// </summary>
    public static IConfigurationBuilder AddMeterEnvironment(this IConfigurationBuilder configuration, IDictionary environment)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry variable in environment)
        {
            if (variable.Key is string name && name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                settings[$"{Section}:{name[EnvironmentPrefix.Length..].Replace("_", string.Empty, StringComparison.Ordinal)}"] = variable.Value as string;
            }
        }

        return configuration.AddInMemoryCollection(settings);
    }

    /// <exception cref="MeterConfigurationException">A setting has a value that cannot be used; the message names it.</exception>
    public static SidecarOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = new SidecarOptions();
        var meter = options.Meter;
        if (Text(section, "ListenUrl") is { } listenUrl)
        {
            options.ListenUrl = Uri.TryCreate(listenUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
                ? listenUrl
                : throw Invalid("ListenUrl", listenUrl, "an http URL on a loopback address such as http://127.0.0.1:9464 (the window API is unauthenticated)");
        }

        if (Text(section, "MetricsListenUrl") is { } metricsUrl)
        {
            options.MetricsListenUrl = Uri.TryCreate(metricsUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.Port > 0
                ? metricsUrl
                : throw Invalid("MetricsListenUrl", metricsUrl, "an http URL with a port such as http://0.0.0.0:9465");
        }

        if (new Uri(options.MetricsListenUrl).Port == new Uri(options.ListenUrl).Port)
        {
            throw Invalid("MetricsListenUrl", options.MetricsListenUrl, "a port other than ListenUrl's: metrics and the window API listen apart");
        }

        if (Text(section, "MaxWindows") is { } maxWindows)
        {
            options.MaxWindows = int.TryParse(maxWindows, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw Invalid("MaxWindows", maxWindows, "a positive whole number such as 1024");
        }

        if (Text(section, "RequestBodyTimeout") is { } bodyTimeout)
        {
            options.RequestBodyTimeout = ParseInterval(bodyTimeout, "RequestBodyTimeout") is var timeout && timeout > TimeSpan.FromSeconds(1)
                ? timeout
                : throw Invalid("RequestBodyTimeout", bodyTimeout, "more than 1s (Kestrel's least grace period)");
        }

        options.TerminationMessagePath = Text(section, "TerminationMessagePath") ?? options.TerminationMessagePath;
        options.SummaryPath = Text(section, "SummaryPath") ?? options.SummaryPath;
        options.RunName = Text(section, "RunName");
        meter.PowercapRoot = Text(section, "PowercapRoot") ?? meter.PowercapRoot;
        if (List(section, "Sources") is { } sources)
        {
            meter.Sources = sources.Select(source => ParseSource(source)).ToList();
        }

        if (List(section, "Gpus") is { } gpus)
        {
            meter.Gpus = gpus;
        }

        if (Text(section, "SampleInterval") is { } interval)
        {
            meter.SampleInterval = ParseInterval(interval, "SampleInterval");
        }

        if (Text(section, "WattsPerCore") is { } watts)
        {
            meter.WattsPerCore = double.TryParse(watts, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Invalid("WattsPerCore", watts, "a number of watts such as 10");
        }

        if (Text(section, "ProcessId") is { } processId)
        {
            if (processId == PodProcesses)
            {
                meter.EstimateOtherProcesses = true;
            }
            else
            {
                meter.EstimateProcessId = int.TryParse(processId, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                    ? value
                    : throw Invalid("ProcessId", processId, $"the runner's process id in a shared process namespace, or '{PodProcesses}' for every process but the meter's");
            }
        }

        return options;
    }

    /// <summary>The estimate's process: every process of the pod but the meter (needs <c>shareProcessNamespace: true</c>).</summary>
    public const string PodProcesses = "pod";

    private static string? Text(IConfiguration section, string key) =>
        section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static List<string>? List(IConfiguration section, string key) =>
        Text(section, key)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static MeterKind ParseSource(string source)
    {
        foreach (var kind in Enum.GetValues<MeterKind>())
        {
            if (string.Equals(kind.ToString(), source, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        throw Invalid("Sources", source, "a comma-separated list of auto, nvml, rapl, estimate");
    }

    /// <summary><c>250ms</c>, <c>2s</c> or a TimeSpan such as <c>00:00:00.250</c>.</summary>
    private static TimeSpan ParseInterval(string text, string key)
    {
        if (text.EndsWith("ms", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(text[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (text.EndsWith('s')
            && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval)
            ? interval
            : throw Invalid(key, text, "a duration such as 100ms, 1s or 00:00:00.100");
    }

    private static MeterConfigurationException Invalid(string key, string value, string expected) =>
        new($"Setting {Section}:{key} (environment {EnvironmentName(key)}) is '{value}'; expected {expected}.");

    /// <summary><c>SampleInterval</c> → <c>ENERGY_METER_SAMPLE_INTERVAL</c>.</summary>
    internal static string EnvironmentName(string key) =>
        EnvironmentPrefix + string.Concat(key.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
