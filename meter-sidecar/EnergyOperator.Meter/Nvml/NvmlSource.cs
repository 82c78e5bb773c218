using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter.Sampling;

namespace EnergyOperator.Meter.Nvml;

/// <summary>
/// NVIDIA GPUs through NVML. Each selected GPU is metered by the difference of its total-energy counter (mJ), or,
/// where that counter is not supported, by integrating its power readings. Owns the <c>nvmlInit_v2</c> /
/// <c>nvmlShutdown</c> pair; calls no set-function.
/// </summary>
internal sealed class NvmlSource : IEnergySource
{
    /// <summary>
    /// GPU windows shorter than this are flagged too short. NVML refreshes the counter every 20–100 ms, but on an H200 a
    /// 0.23 s window averaged 912 W under a 700 W limit, and sub-second windows differed by 18–28 % per sample from ≥ 5 s
    /// windows of the same work (docs/measurements.md): a conservative bound, not a figure to trust below it.
    /// </summary>
    public static readonly TimeSpan UpdatePeriod = TimeSpan.FromSeconds(1);

    private readonly INvmlApi? _api;
    private readonly string? _loadFailure;
    private readonly IReadOnlyList<string> _gpus;
    private bool _initialized;

    /// <param name="api">The NVML calls.</param>
    /// <param name="gpus">UUIDs or indices to meter; empty for every GPU.</param>
    public NvmlSource(INvmlApi api, IReadOnlyList<string> gpus)
    {
        _api = api;
        _gpus = gpus;
    }

    private NvmlSource(string loadFailure)
    {
        _loadFailure = loadFailure;
        _gpus = [];
    }

    public string Name => "nvml";

    /// <summary>Loads <c>libnvidia-ml.so.1</c>; a missing library yields a source that probes as unavailable.</summary>
    public static NvmlSource Create(IReadOnlyList<string> gpus, string libraryName = NativeNvmlApi.LibraryName) =>
        NativeNvmlApi.TryLoad(libraryName, out var api, out var reason) ? new NvmlSource(api, gpus) : new NvmlSource(reason);

    public SourceProbe Probe()
    {
        if (_api is null)
        {
            return SourceProbe.Unavailable(_loadFailure!);
        }

        if (!_initialized)
        {
            var init = _api.Init();
            if (init != NvmlReturn.Success)
            {
                return SourceProbe.Unavailable(
                    $"nvmlInit_v2 returned {init}: check that the NVIDIA driver is loaded (nvidia-smi works here) and that the container was given a GPU");
            }

            _initialized = true;
        }

        try
        {
            return ProbeDevices(_api);
        }
        catch (InvalidOperationException failure)
        {
            return SourceProbe.Unavailable(failure.Message);
        }
    }

    public void Dispose()
    {
        if (_api is null)
        {
            return;
        }

        if (_initialized)
        {
            _api.Shutdown();
            _initialized = false;
        }

        _api.Dispose();
    }

    private SourceProbe ProbeDevices(INvmlApi api)
    {
        var channels = new List<IEnergyChannel>();
        var devices = new List<string>();
        foreach (var device in SelectDevices(api))
        {
            var uuid = Expect(api.GetUuid(device, out var value), "nvmlDeviceGetUUID", value);
            var name = Expect(api.GetName(device, out var text), "nvmlDeviceGetName", text);
            var energy = api.GetTotalEnergyConsumption(device, out _);
            EnergyMethod method;
            if (energy == NvmlReturn.Success)
            {
                method = EnergyMethod.Counter;
                devices.Add($"{uuid} ({name}, energy counter)");
            }
            else if (energy == NvmlReturn.NotSupported && api.GetPowerUsage(device, out _) == NvmlReturn.Success)
            {
                method = EnergyMethod.PowerIntegration;
                devices.Add($"{uuid} ({name}, power integration: energy counter not supported)");
            }
            else
            {
                return SourceProbe.Unavailable(
                    $"GPU {uuid} ({name}) gives neither its energy counter nor its power ({energy}): leave it out of the meter's GPU list");
            }

            var descriptor = new ChannelDescriptor(Name, EnergyDomains.Gpu, uuid, method, JoulesPerCount: 0.001, CounterRange: null, UpdatePeriod);
            channels.Add(new NvmlGpuChannel(api, device, descriptor));
        }

        return channels.Count == 0
            ? SourceProbe.Unavailable("NVML sees no GPU: give the container a GPU (resources.limits nvidia.com/gpu)")
            : SourceProbe.Measuring(channels, devices);
    }

    private IEnumerable<nint> SelectDevices(INvmlApi api)
    {
        if (_gpus.Count == 0)
        {
            Expect(api.GetDeviceCount(out var count), "nvmlDeviceGetCount_v2", count);
            for (var index = 0u; index < count; index++)
            {
                yield return Expect(api.GetHandleByIndex(index, out var device), "nvmlDeviceGetHandleByIndex_v2", device);
            }

            yield break;
        }

        var seen = new HashSet<nint>();
        foreach (var gpu in _gpus)
        {
            NvmlReturn result;
            nint device;
            if (GpuSelection.IsUuid(gpu))
            {
                result = api.GetHandleByUuid(gpu, out device);
            }
            else if (uint.TryParse(gpu, out var index))
            {
                result = api.GetHandleByIndex(index, out device);
            }
            else
            {
                throw new MeterConfigurationException($"GPU '{gpu}' in the meter's GPU list is neither a UUID (GPU-…) nor an index.");
            }

            if (result is NvmlReturn.NotFound or NvmlReturn.InvalidArgument)
            {
                throw new MeterConfigurationException(
                    $"GPU '{gpu}' in the meter's GPU list is not visible to NVML (visible: {string.Join(", ", VisibleUuids(api))}); list GPUs with `nvidia-smi -L`.");
            }

            if (seen.Add(Expect(result, GpuSelection.IsUuid(gpu) ? "nvmlDeviceGetHandleByUUID" : "nvmlDeviceGetHandleByIndex_v2", device)))
            {
                yield return device;
            }
        }
    }

    private static IEnumerable<string> VisibleUuids(INvmlApi api)
    {
        if (api.GetDeviceCount(out var count) != NvmlReturn.Success || count == 0)
        {
            return ["none"];
        }

        var uuids = new List<string>();
        for (var index = 0u; index < count; index++)
        {
            if (api.GetHandleByIndex(index, out var device) == NvmlReturn.Success && api.GetUuid(device, out var uuid) == NvmlReturn.Success)
            {
                uuids.Add(uuid);
            }
        }

        return uuids;
    }

    private static T Expect<T>(NvmlReturn result, string function, T value) =>
        result == NvmlReturn.Success
            ? value
            : throw new InvalidOperationException($"{function} returned {result}; check the GPU with nvidia-smi.");
}
