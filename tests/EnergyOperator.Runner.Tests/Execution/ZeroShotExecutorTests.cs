using System.Net;
using System.Text;
using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Models;
using EnergyOperator.Runner.Models.Generative;
using EnergyOperator.Runner.Models.Served;
using EnergyOperator.Runner.OpenAi;

namespace EnergyOperator.Runner.Tests.Execution;

public sealed class ZeroShotExecutorTests
{
    private const string Template = "Message: {text}\nSpam or ham?";

    // Truth: spam, spam, ham, ham. Answers: right, wrong, invalid, right.
    private static readonly Dictionary<string, string> Answers = new()
    {
        ["free prize"] = " Spam!",
        ["cheap pills"] = " ham",
        ["lunch at noon"] = " no idea",
        ["meeting notes"] = " HAM.",
    };

    [Fact]
    public async Task Accuracy_is_over_every_answer_an_invalid_one_counting_as_wrong()
    {
        using var model = Served(energyOnly: false);

        var result = await Execute(model);

        Assert.Equal(0.5, result.Accuracy);
        Assert.Equal(4, result.ZeroShot!.Answers);
        Assert.Equal(1, result.ZeroShot.InvalidAnswers);
        Assert.False(result.EnergyOnly);
        Assert.True(result.Energy!.Joules > 0);
    }

    [Fact]
    public async Task Scores_are_the_classifiers_an_invalid_answer_lowering_its_classs_recall_and_staying_out_of_the_matrix()
    {
        using var model = Served(energyOnly: false);

        var result = await Execute(model);

        // ham: predicted twice (lunch's invalid answer is not a prediction), right once; spam: predicted once, right.
        Assert.Equal([[1, 0], [1, 1]], result.ConfusionMatrix);
        Assert.Equal((0.5, 0.5, 2), (result.PerClass![0].Precision, result.PerClass[0].Recall, result.PerClass[0].Support));
        Assert.Equal((1.0, 0.5, 2), (result.PerClass[1].Precision, result.PerClass[1].Recall, result.PerClass[1].Support));
        Assert.Equal((0.5 + 2.0 / 3) / 2, result.MacroF1!.Value, 12);
    }

    [Fact]
    public async Task Predictions_hold_each_answers_label_and_text_an_invalid_one_predicting_no_label()
    {
        using var model = Served(energyOnly: false);
        var path = Path.GetTempFileName();
        try
        {
            await using (var writer = PredictionWriter.Create(path, "--predictions"))
            {
                await Execute(model, writer);
            }

            var lines = File.ReadAllLines(path);
            var parsed = lines.Select(line => JsonSerializer.Deserialize(line, PredictionJsonContext.Default.PredictionLine)!).ToList();
            Assert.Equal(["spam", "ham", null, "ham"], parsed.Select(line => line.Predicted));
            Assert.Equal([.. Answers.Values], parsed.Select(line => line.Answer));
            Assert.Equal(["spam", "spam", "ham", "ham"], parsed.Select(line => line.Label));
            Assert.All(parsed, line => Assert.Null(line.Scores));
            Assert.Contains("\"predicted\":null", lines[2], StringComparison.Ordinal);
            Assert.DoesNotContain("scores", lines[0], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_model_whose_answers_mean_nothing_is_energy_only_and_still_counts_invalid_answers()
    {
        using var model = Served(energyOnly: true);

        var result = await Execute(model);

        Assert.Null(result.Accuracy);
        Assert.Null(result.MacroF1);
        Assert.Null(result.PerClass);
        Assert.Null(result.ConfusionMatrix);
        Assert.True(result.EnergyOnly);
        Assert.Equal(1, result.ZeroShot!.InvalidAnswers);
    }

    private static async Task<Contracts.Results.RunResult> Execute(PreparedModel model, PredictionWriter? predictions = null)
    {
        var benchmark = new EnergyBenchmark
        {
            Metadata = new() { Name = "zero-shot" },
            Spec = new EnergyBenchmarkSpec { Models = [new ModelSpec { Name = "served", Server = model.Served!.Spec }], Runtime = new RuntimeSpec { BatchSizes = [2] } },
        };
        var data = new DatasetSplit(
            "texts",
            LabelSet.InOrder(["ham", "spam"]),
            new TextPartition(["unused"], [0], [0]),
            new TextPartition([.. Answers.Keys], [1, 1, 0, 0], [1, 2, 3, 4]));
        return await new ZeroShotExecutor(new SteadyPowerMeter(watts: 50), new MeasurementSpec { Meters = [MeterKind.Nvml] }, predictions, TimeProvider.System).ExecuteAsync(
            RunPlanner.Expand(benchmark).Single(), model, data, new RuntimeSpec { WarmupBatches = 1 }, idleBaseline: null, CancellationToken.None);
    }

    private static PreparedModel Served(bool energyOnly)
    {
        var spec = new ServerModelSpec { Url = "http://server.test", Model = "m", ZeroShot = new ZeroShotSpec { PromptTemplate = Template } };
        var http = new HttpClient(new AnsweringHandler());
        var client = new OpenAiClient(http, new Uri("http://server.test/"), "m", ServerApi.Completions, TimeProvider.System);
        var parser = ZeroShotAnswerParser.Create(null, ["ham", "spam"]);
        return new PreparedModel(null, 0, 0) { Served = new ServedModel(spec, client, http, PromptEncoder.Gpt2(), 1024, energyOnly, parser) };
    }

    /// <summary>An OpenAI completions server that streams the answer of the text in the prompt as one chunk.</summary>
    private sealed class AnsweringHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JsonSerializer.Deserialize(await request.Content!.ReadAsStringAsync(cancellationToken), OpenAiJsonContext.Default.CompletionRequest)!;
            var prompt = body.Prompt.GetString()!;
            var answer = Answers.Single(entry => prompt == Template.Replace("{text}", entry.Key, StringComparison.Ordinal)).Value;
            var chunk = JsonSerializer.Serialize(new CompletionResponse("c", "text_completion", 0, "m", [new CompletionChoice(0, answer, "length")], null), OpenAiJsonContext.Default.CompletionResponse);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($"data: {chunk}\n\ndata: [DONE]\n\n", Encoding.UTF8, "text/event-stream") };
        }
    }
}
