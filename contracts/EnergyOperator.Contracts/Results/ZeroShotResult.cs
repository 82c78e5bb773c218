namespace EnergyOperator.Contracts.Results;

/// <summary>
/// A served model's zero-shot classification: of <paramref name="Answers"/> (every test text), how many named no label. Invalid
/// answers count as wrong in the run's accuracy, which is over all answers.
/// </summary>
public sealed record ZeroShotResult(int Answers, int InvalidAnswers);
