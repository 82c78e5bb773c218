using EnergyOperator.Runner.Models;

namespace EnergyOperator.Runner.Tests.Models;

/// <summary>What a classifier predicted for some texts, batch by batch, with the probabilities it wrote beside.</summary>
internal sealed record Predicted(int[] Labels, float[] Scores, int Classes)
{
    public static Predicted By(ITextClassifier classifier, IReadOnlyList<string> texts, int classes, int batchSize = 64)
    {
        var all = texts as string[] ?? [.. texts];
        var labels = new int[all.Length];
        var scores = new float[all.Length * classes];
        for (var offset = 0; offset < all.Length; offset += batchSize)
        {
            var count = Math.Min(batchSize, all.Length - offset);
            classifier.Predict(new ArraySegment<string>(all, offset, count), labels.AsSpan(offset, count), scores.AsSpan(offset * classes, count * classes));
        }

        return new Predicted(labels, scores, classes);
    }

    public float[] Row(int sample) => Scores[(sample * Classes)..((sample + 1) * Classes)];

    /// <summary>Every row is a probability distribution whose most probable class is the prediction.</summary>
    public void AssertScoresAreProbabilitiesOfThePrediction()
    {
        for (var sample = 0; sample < Labels.Length; sample++)
        {
            var row = Row(sample);
            Assert.All(row, p => Assert.InRange(p, 0f, 1f));
            Assert.Equal(1.0, row.Sum(p => (double)p), 1e-5);
            Assert.Equal(Array.IndexOf(row, row.Max()), Labels[sample]);
        }
    }
}
