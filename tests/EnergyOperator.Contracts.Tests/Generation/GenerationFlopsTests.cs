using EnergyOperator.Contracts.Results.Generation;

namespace EnergyOperator.Contracts.Tests.Generation;

public sealed class GenerationFlopsTests
{
    private static readonly DecoderShape Gpt2Small = new(Parameters: 124_439_808, Layers: 12, HiddenSize: 768);

    [Fact]
    public void Prefill_counts_two_flops_per_parameter_per_token_plus_attention_over_each_tokens_context()
    {
        // Tokens 1 … 4 see contexts 1 … 4: attention 2 · layers · width · (1 + 2 + 3 + 4).
        var expected = (2.0 * Gpt2Small.Parameters * 4) + (2.0 * 12 * 768 * 10);

        Assert.Equal(expected * 3, GenerationFlops.Prefill(Gpt2Small, inputTokens: 4, batchSize: 3));
    }

    [Fact]
    public void Decode_counts_the_steps_after_the_first_token_each_seeing_the_prompt_and_the_tokens_before_it()
    {
        // 3 new tokens after a 4-token prompt: the prefill made the first, decode steps see contexts 5 and 6.
        var expected = (2.0 * Gpt2Small.Parameters * 2) + (2.0 * 12 * 768 * (5 + 6));

        Assert.Equal(expected, GenerationFlops.Decode(Gpt2Small, inputTokens: 4, outputTokens: 3, batchSize: 1));
        Assert.Equal(0, GenerationFlops.Decode(Gpt2Small, inputTokens: 4, outputTokens: 1, batchSize: 8));
    }

    [Fact]
    public void The_estimate_is_flops_over_peak_times_tdp_and_the_ratio_measured_over_it()
    {
        var h200 = AcceleratorPeaks.Find("NVIDIA H200")!;
        var flops = GenerationFlops.Prefill(Gpt2Small, 128, 8);

        var estimate = FlopsTdpEstimate.For(h200, Gpt2Small, inputTokens: 128, outputTokens: 1, batchSize: 8, measuredPrefillJoules: 5, measuredDecodeJoules: 0);

        Assert.Equal(flops / 989e12 * 700, estimate.PrefillJoules, 12);
        Assert.Equal(5 / estimate.PrefillJoules, estimate.PrefillRatio, 12);
        Assert.Equal(0, estimate.DecodeRatio);
        Assert.Equal("NVIDIA H200 SXM", estimate.Accelerator);
    }

    [Theory]
    [InlineData("NVIDIA H200", "NVIDIA H200 SXM")]
    [InlineData("NVIDIA H100 80GB HBM3", "NVIDIA H100 SXM")]
    [InlineData("NVIDIA H100 PCIe", "NVIDIA H100 PCIe")]
    [InlineData("NVIDIA A100-SXM4-80GB", "NVIDIA A100 SXM 80GB")]
    [InlineData("NVIDIA L40S", "NVIDIA L40S")]
    [InlineData("NVIDIA L4", "NVIDIA L4")]
    public void Accelerators_are_found_by_their_nvml_names(string nvmlName, string entry)
    {
        Assert.Equal(entry, AcceleratorPeaks.Find($"GPU-1234 ({nvmlName}, energy counter)")!.Name);
    }

    [Fact]
    public void A_gpu_outside_the_table_gets_no_peak()
    {
        Assert.Null(AcceleratorPeaks.Find("GPU-1 (Tesla T4, energy counter)"));
    }
}
