using System.Text.RegularExpressions;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Operator.Benchmarks;
using static EnergyOperator.Operator.Tests.Benchmarks.BenchmarkFixtures;
using k8s.Models;

namespace EnergyOperator.Operator.Tests.Benchmarks;

/// <summary>
/// Seeded mutations of a pod's termination message: the reader never throws, and whatever it accepts as a success is this run's
/// and sums to finite figures.
/// </summary>
public sealed partial class RunResultFuzzTests
{
    private static readonly string[] Values =
        ["null", "[null]", "{}", "-1", "1e400", "1.7e308", "-1.7e308", "7", "\"x\"", "\"NaN\"", "[]", "[[null]]", "true", "3000000000"];

    [Fact]
    public void Read_MutatedResults_NeverThrowAndAcceptOnlySaneResults()
    {
        var plan = Run(Stored(Spec()));
        var valid = Json(Succeeded(plan.Name) with { PerClass = [new ClassScore("ham", 0.9, 0.8, 0.85, 10)], ConfusionMatrix = [[9, 1], [2, 8]] });
        var random = new Random(20261130);
        var accepted = new List<RunResult>();
        for (var i = 0; i < 2_000; i++)
        {
            var message = Mutate(valid, random);
            var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = plan.Name }, Status = Status("Succeeded", Terminated(0, message), Terminated(0)) };

            var observation = RunOutcomeReader.Read(plan, pod);

            Assert.Equal(RunProgress.Finished, observation.Progress);
            if (observation.Result!.Outcome == RunOutcome.Succeeded)
            {
                Assert.Null(RunResultCheck.FindProblem(observation.Result, plan));
                accepted.Add(observation.Result);
            }
        }

        Assert.NotEmpty(accepted);
        var summary = BenchmarkSummary.From(accepted);
        Assert.True(double.IsFinite(summary.TotalJoules));
        Assert.All(summary.Configurations, c => Assert.True(double.IsFinite(c.JoulesPerSample) && double.IsFinite(c.JoulesPerSampleStdDev)));
    }

    private static string Mutate(string json, Random random)
    {
        for (var steps = random.Next(1, 4); steps > 0; steps--)
        {
            var tokens = Token().Matches(json);
            if (json.Length == 0 || tokens.Count == 0)
            {
                break;
            }

            var token = tokens[random.Next(tokens.Count)];
            json = random.Next(3) switch
            {
                0 => json[..token.Index] + Values[random.Next(Values.Length)] + json[(token.Index + token.Length)..],
                1 => json[..random.Next(json.Length)],
                _ => json.Insert(random.Next(json.Length), ((char)random.Next(32, 127)).ToString()),
            };
        }

        return json;
    }

    /// <summary>A JSON value: a number, a string, a literal, or an array's opening.</summary>
    [GeneratedRegex("""-?\d+(\.\d+)?([eE][-+]?\d+)?|"[^"]*"|true|false|null|\[""")]
    private static partial Regex Token();
}
