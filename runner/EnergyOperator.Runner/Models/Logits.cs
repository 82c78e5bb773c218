namespace EnergyOperator.Runner.Models;

internal static class Logits
{
    /// <summary>Turns logits into probabilities in place; subtracting the maximum keeps exp from overflowing.</summary>
    public static void Softmax(Span<float> logits)
    {
        float max = float.NegativeInfinity;
        foreach (float logit in logits)
        {
            max = MathF.Max(max, logit);
        }

        float sum = 0f;
        for (int i = 0; i < logits.Length; i++)
        {
            logits[i] = MathF.Exp(logits[i] - max);
            sum += logits[i];
        }

        for (int i = 0; i < logits.Length; i++)
        {
            logits[i] /= sum;
        }
    }

    /// <summary>Index of the largest score; the lowest index wins ties.</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Arg-max of each row of a row-major [rows, classes] score matrix.</summary>
    public static void ArgMaxRows(ReadOnlySpan<float> scores, int rows, Span<int> into)
    {
        var classes = scores.Length / rows;
        for (var row = 0; row < rows; row++)
        {
            into[row] = ArgMax(scores.Slice(row * classes, classes));
        }
    }

    /// <summary>Checks that a caller's spans hold a prediction and a row of <paramref name="classes"/> scores per text.</summary>
    public static void RequireRoom(int texts, int classes, Span<int> predictions, Span<float> scores)
    {
        if (predictions.Length < texts)
        {
            throw new ArgumentException($"{texts} texts need {texts} prediction slots; the span has {predictions.Length}.", nameof(predictions));
        }

        if (scores.Length < texts * classes)
        {
            throw new ArgumentException($"{texts} texts of {classes} classes need {texts * classes} score slots; the span has {scores.Length}.", nameof(scores));
        }
    }
}
