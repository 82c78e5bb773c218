namespace EnergyOperator.Contracts.Results.Generation;

/// <summary>A table entry: the dense fp16/bf16 tensor-core peak and the board power limit of one accelerator model.</summary>
/// <param name="Match">Text the NVML device name contains (for example "H200").</param>
public sealed record AcceleratorPeak(string Name, string Match, double PeakFlopsPerSecond, double TdpWatts)
{
    /// <summary>Energy of <paramref name="flops"/> done at peak rate while drawing TDP.</summary>
    public double Joules(double flops) => flops / PeakFlopsPerSecond * TdpWatts;
}

/// <summary>
/// Peak FLOP/s and TDP by accelerator, from the vendors' data sheets (dense, no sparsity; docs/llm.md lists them). The fp16 peak
/// is used whatever the model's precision, as the study's baseline does. A CPU or an unlisted GPU gets no estimate.
/// </summary>
public static class AcceleratorPeaks
{
    /// <summary>Most specific first: "H100 PCIe" must match before "H100".</summary>
    public static IReadOnlyList<AcceleratorPeak> Table { get; } =
    [
        new("NVIDIA H200 SXM", "H200", 989e12, 700),
        new("NVIDIA H100 PCIe", "H100 PCIe", 756e12, 350),
        new("NVIDIA H100 SXM", "H100", 989e12, 700),
        new("NVIDIA A100 SXM 80GB", "A100-SXM4-80GB", 312e12, 400),
        new("NVIDIA L40S", "L40S", 362e12, 350),
        new("NVIDIA L4", "L4", 121e12, 72),
    ];

    /// <summary>The entry whose match the device name contains; null for a CPU or an accelerator not in the table.</summary>
    public static AcceleratorPeak? Find(string deviceName) =>
        Table.FirstOrDefault(entry => deviceName.Contains(entry.Match, StringComparison.OrdinalIgnoreCase));
}
