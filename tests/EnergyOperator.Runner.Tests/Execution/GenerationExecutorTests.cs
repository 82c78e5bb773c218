using System.Net;
using System.Text;
using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter;
using EnergyOperator.Runner.Data;
using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Execution.Grid;
using EnergyOperator.Runner.Models;
using EnergyOperator.Runner.Models.Generative;
using EnergyOperator.Runner.Models.Served;
using EnergyOperator.Runner.OpenAi;
using EnergyOperator.Runner.Onnx.Export;
using EnergyOperator.Runner.Tests.Models.Generative;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnergyOperator.Runner.Tests.Execution;

public sealed class GenerationExecutorTests
{
    private static readonly DecoderArchitecture Architecture = TinyDecoder.Architecture with { Vocabulary = 50_257 };

    [Fact]
    public async Task On_a_gpu_of_the_table_every_cell_gets_its_flops_tdp_baseline_beside_the_measured_windows()
    {
        var meter = new SteadyPowerMeter(watts: 300);
        using var model = Model(new ModelProvenance { RandomWeights = true, Parameters = Architecture.Parameters, Layers = 2, HiddenSize = 16, MaxPositions = 64 });
        var plan = RunPlanner.Expand(Benchmark()).Single();

        var result = await new GenerationExecutor(meter, new MeasurementSpec { Meters = [MeterKind.Nvml] }, TimeProvider.System, NullLogger.Instance).ExecuteAsync(
            plan, model, Data(), new RuntimeSpec { WarmupBatches = 0 }, new WorkloadSpec { InputTokens = [4, 12], OutputTokens = [3] },
            AcceleratorEstimate.For(ExecutionProvider.Cuda, ["GPU-0 (NVIDIA H200, energy counter)"]), CancellationToken.None);

        var generation = result.Generation!;
        Assert.Equal("NVIDIA H200 SXM", generation.Accelerator);
        Assert.Null(generation.EstimateNote);
        Assert.Equal(["prefill", "generation", "prefill", "generation"], meter.Phases);
        Assert.All(generation.Cells, cell =>
        {
            Assert.Equal(300 * cell.Prefill!.Seconds, cell.Prefill.Joules, 9);
            var estimate = cell.Estimate!;
            Assert.Equal(cell.Prefill.Joules / estimate.PrefillJoules, estimate.PrefillRatio, 9);
            Assert.Equal((cell.Prefill.Joules + cell.Decode!.Joules) / (estimate.PrefillJoules + estimate.DecodeJoules), estimate.RequestRatio, 9);
        });
    }

    [Fact]
    public async Task Each_phase_repeats_its_batch_until_the_window_lasts_min_window_seconds_and_reports_one_batchs_share()
    {
        var meter = new SteadyPowerMeter(watts: 300);
        using var model = Model(new ModelProvenance { RandomWeights = true, Parameters = Architecture.Parameters, Layers = 2, HiddenSize = 16, MaxPositions = 64 });
        var plan = RunPlanner.Expand(Benchmark()).Single();

        // Each reading of the clock is 50 ms later: a window of 0.2 s holds exactly 4 repeats, however fast the machine.
        var clock = new SteppingTimeProvider(TimeSpan.FromMilliseconds(50));

        var result = await new GenerationExecutor(meter, new MeasurementSpec { Meters = [MeterKind.Nvml] }, clock, NullLogger.Instance).ExecuteAsync(
            plan, model, Data(), new RuntimeSpec { WarmupBatches = 0, MinWindowSeconds = 0.2 }, new WorkloadSpec { InputTokens = [4], OutputTokens = [3, 1] },
            AcceleratorEstimate.For(ExecutionProvider.Cuda, ["GPU-0 (NVIDIA H200, energy counter)"]), CancellationToken.None);

        var (repeated, single) = (result.Generation!.Cells[0], result.Generation.Cells[1]);
        Assert.Equal(["prefill", "generation", "prefill"], meter.Phases);
        foreach (var phase in new[] { repeated.Prefill!, single.Prefill! })
        {
            Assert.Equal(4, phase.Repeats);
            Assert.Equal(300 * phase.Seconds, phase.Joules, 9);
        }

        // The decode is the whole generation's window less the prefill's, per batch: at a steady 300 W, 300 W × its seconds.
        var decode = repeated.Decode!;
        Assert.Equal(4, decode.Repeats);
        Assert.Equal(300 * decode.Seconds, decode.Joules, 6);

        // One output token is all prefill: nothing is left to decode.
        Assert.Equal((0.0, 0.0), (single.Decode!.Joules, single.Decode.Seconds));
        Assert.Equal(repeated.Prefill!.Seconds, repeated.TimeToFirstTokenSeconds);
    }

    [Fact]
    public async Task A_served_grid_with_a_shape_gets_the_same_baseline_as_a_local_model_of_that_shape()
    {
        var shape = new DecoderShape(Architecture.Parameters, 2, 16);
        using var served = Served(shape);
        using var local = Model(new ModelProvenance { RandomWeights = true, Parameters = shape.Parameters, Layers = shape.Layers, HiddenSize = shape.HiddenSize, MaxPositions = 64 });

        var (servedResult, localResult) = (await ExecuteOnH200(served), await ExecuteOnH200(local));

        Assert.Equal(shape, servedResult.Generation!.Shape);
        Assert.Null(servedResult.Generation.EstimateNote);
        Assert.Equal("NVIDIA H200 SXM", servedResult.Generation.Accelerator);
        Assert.Equal(
            localResult.Generation!.Cells.Select(cell => (cell.Estimate!.PrefillFlops, cell.Estimate.DecodeFlops, cell.Estimate.PrefillJoules, cell.Estimate.DecodeJoules)),
            servedResult.Generation.Cells.Select(cell => (cell.Estimate!.PrefillFlops, cell.Estimate.DecodeFlops, cell.Estimate.PrefillJoules, cell.Estimate.DecodeJoules)));
    }

    [Fact]
    public async Task A_served_grid_without_a_shape_has_no_baseline_and_a_note_naming_server_shape()
    {
        using var served = Served(shape: null);

        var result = await ExecuteOnH200(served);

        Assert.Null(result.Generation!.Shape);
        Assert.Contains("server.shape", result.Generation.EstimateNote, StringComparison.Ordinal);
        Assert.All(result.Generation.Cells, cell => Assert.Null(cell.Estimate));
    }

    [Fact]
    public void A_decode_smaller_than_the_windows_noise_is_zero_and_flagged_too_short()
    {
        var decode = PhaseWindow.Decode(generation: new PhaseEnergy(1.0, 0.5, false, false, 4), prefill: new PhaseEnergy(1.2, 0.45, false, false, 9));

        Assert.Equal(new PhaseEnergy(0, 0.05, false, TooShort: true, 4), decode with { Seconds = Math.Round(decode.Seconds, 9) });
    }

    [Fact]
    public void A_gpu_outside_the_table_or_a_cpu_run_gets_a_note_instead_of_a_baseline()
    {
        Assert.Contains("CPU run", AcceleratorEstimate.For(ExecutionProvider.Cpu, ["GPU-0 (NVIDIA H200, energy counter)"]).Note);
        Assert.Contains("Tesla T4", AcceleratorEstimate.For(ExecutionProvider.Cuda, ["GPU-0 (Tesla T4, energy counter)"]).Note);
        Assert.Null(AcceleratorEstimate.For(ExecutionProvider.Cuda, ["GPU-0 (Tesla T4, energy counter)"]).Peak);
    }

    private static Task<Contracts.Results.RunResult> ExecuteOnH200(PreparedModel model) =>
        new GenerationExecutor(new SteadyPowerMeter(watts: 300), new MeasurementSpec { Meters = [MeterKind.Nvml] }, TimeProvider.System, NullLogger.Instance).ExecuteAsync(
            RunPlanner.Expand(Benchmark()).Single(), model, Data(), new RuntimeSpec { WarmupBatches = 0 }, new WorkloadSpec { InputTokens = [4, 12], OutputTokens = [3] },
            AcceleratorEstimate.For(ExecutionProvider.Cuda, ["GPU-0 (NVIDIA H200, energy counter)"]), CancellationToken.None);

    private static PreparedModel Served(DecoderShape? shape)
    {
        var http = new HttpClient(new ExactLengthServer());
        var client = new OpenAiClient(http, new Uri("http://server.test/"), "m", ServerApi.Completions, TimeProvider.System);
        var spec = new ServerModelSpec { Url = "http://server.test", Model = "m", Shape = shape };
        return new PreparedModel(null, 0, 0) { Served = new ServedModel(spec, client, http, PromptEncoder.Gpt2(), 64, EnergyOnly: true, Parser: null) };
    }

    /// <summary>A clock that moves a fixed step every time it is read.</summary>
    private sealed class SteppingTimeProvider(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
    }

    private static PreparedModel Model(ModelProvenance provenance) =>
        new(null, 0, 0) { Generative = new GenerativeModel(TinyDecoder.Load(Architecture), PromptEncoder.Gpt2(), provenance) };

    private static DatasetSplit Data() => new(
        "texts",
        LabelSet.InOrder(["a"]),
        new TextPartition(["unused"], [0], [0]),
        new TextPartition(["The quick brown fox", "jumps over the lazy dog"], [0, 0], [1, 2]));

    private static EnergyBenchmark Benchmark() => new()
    {
        Metadata = new() { Name = "grid" },
        Spec = new EnergyBenchmarkSpec
        {
            Models = [new ModelSpec { Name = "tiny", Generative = new GenerativeModelSpec { Path = "unused" } }],
            Runtime = new RuntimeSpec { BatchSizes = [2] },
        },
    };

    /// <summary>An OpenAI completions server that streams exactly max_tokens one-token chunks, as ignore_eos asks.</summary>
    private sealed class ExactLengthServer : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JsonSerializer.Deserialize(await request.Content!.ReadAsStringAsync(cancellationToken), OpenAiJsonContext.Default.CompletionRequest)!;
            var chunk = JsonSerializer.Serialize(new CompletionResponse("c", "text_completion", 0, "m", [new CompletionChoice(0, " x", null)], null), OpenAiJsonContext.Default.CompletionResponse);
            var stream = string.Concat(Enumerable.Repeat($"data: {chunk}\n\n", body.MaxTokens!.Value)) + "data: [DONE]\n\n";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(stream, Encoding.UTF8, "text/event-stream") };
        }
    }
}
