using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Runner.Execution;

/// <summary>What a benchmark is doing now, for progress displays.</summary>
/// <param name="Activity">A short description: "loading dataset", "training tfidf-lr", "running spam-tfidf-lr-local-b64-r1".</param>
/// <param name="Finished">The run that just finished, when this report is about one.</param>
public sealed record BenchmarkProgress(string Activity, int RunsDone, int RunsTotal, RunResult? Finished = null);
