using EnergyOperator.Runner.Models.Generative;

namespace EnergyOperator.Runner.Models;

/// <summary>
/// A model ready for its runs, with what getting it ready cost in time (never metered): a classifier, or a generative model
/// (<see cref="Generative"/>), never both.
/// </summary>
internal sealed record PreparedModel(ITextClassifier? Classifier, double LoadSeconds, double TrainSeconds) : IDisposable
{
    public GenerativeModel? Generative { get; init; }

    public void Dispose()
    {
        (Classifier as IDisposable)?.Dispose();
        Generative?.Dispose();
    }
}
