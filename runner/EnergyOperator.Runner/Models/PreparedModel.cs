namespace EnergyOperator.Runner.Models;

/// <summary>A classifier ready for its runs, with what getting it ready cost in time (never metered).</summary>
internal sealed record PreparedModel(ITextClassifier Classifier, double LoadSeconds, double TrainSeconds) : IDisposable
{
    public void Dispose() => (Classifier as IDisposable)?.Dispose();
}
