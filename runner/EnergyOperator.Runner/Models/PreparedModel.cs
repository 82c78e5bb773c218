using EnergyOperator.Runner.Models.Generative;
using EnergyOperator.Runner.Models.Served;

namespace EnergyOperator.Runner.Models;

/// <summary>
/// A model ready for its runs, with what getting it ready cost in time (never metered): a classifier, or a generative model
/// (<see cref="Generative"/>) or a served one (<see cref="Served"/>), never two.
/// </summary>
internal sealed record PreparedModel(ITextClassifier? Classifier, double LoadSeconds, double TrainSeconds) : IDisposable
{
    public GenerativeModel? Generative { get; init; }

    public ServedModel? Served { get; init; }

    /// <summary>A classifier whose weights are random: its runs report energy and no accuracy.</summary>
    public bool EnergyOnly { get; init; }

    public void Dispose()
    {
        (Classifier as IDisposable)?.Dispose();
        Generative?.Dispose();
        Served?.Dispose();
    }
}
