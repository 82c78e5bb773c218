using EnergyOperator.Runner.Models;

namespace EnergyOperator.Runner.Models.Classic;

/// <summary>Weights of a linear classifier: row-major [featureCount, classCount] plus one bias per class.</summary>
internal sealed record LinearWeights(float[] Weights, float[] Bias);

/// <summary>
/// Multinomial logistic regression over sparse rows, minimising mean (class-weighted) cross-entropy + (λ/2)‖W‖² with
/// mini-batch AdaGrad. AdaGrad suits hashed text features: rare n-grams keep large steps while frequent ones settle,
/// without a learning-rate schedule. Updates, including the L2 shrinkage, touch only the weight rows of features present
/// in the mini-batch (the usual sparse approximation), so an epoch costs O(non-zeros × classes), not O(features).
/// Single-threaded and driven by one seeded <see cref="Random"/>, so results are reproducible bit for bit.
/// </summary>
internal static class LogisticRegressionTrainer
{
    private const float Epsilon = 1e-8f;

    public static LinearWeights Train(IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int classCount, int featureCount, LogisticRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        options.Validate();
        ValidateData(rows, labels, classCount, featureCount);

        var weights = new float[featureCount * classCount];
        var bias = new float[classCount];
        var weightSquares = new float[weights.Length];
        var biasSquares = new float[classCount];
        var weightGradient = new float[weights.Length];
        var biasGradient = new float[classCount];
        var lastBatchTouching = new int[featureCount];
        var touched = new List<int>();
        var errors = new float[classCount];
        float[] exampleWeights = ClassWeights(labels, classCount, options.ClassWeighting);

        var order = new int[rows.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var random = new Random(options.Seed);
        int batch = 0;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                int end = Math.Min(order.Length, start + options.BatchSize);
                float scale = 1f / (end - start);
                batch++;
                touched.Clear();
                Array.Clear(biasGradient);

                for (int position = start; position < end; position++)
                {
                    SparseVector row = rows[order[position]];
                    int label = labels[order[position]];
                    ReadOnlySpan<int> indices = row.Indices;
                    ReadOnlySpan<float> values = row.Values;

                    // errors = softmax(W·x + b) - onehot(label), scaled by the example's share of the batch loss.
                    bias.CopyTo(errors, 0);
                    for (int i = 0; i < indices.Length; i++)
                    {
                        AddScaled(errors, weights.AsSpan(indices[i] * classCount, classCount), values[i]);
                    }

                    Logits.Softmax(errors);
                    errors[label] -= 1f;
                    float exampleScale = exampleWeights[label] * scale;
                    for (int c = 0; c < classCount; c++)
                    {
                        errors[c] *= exampleScale;
                        biasGradient[c] += errors[c];
                    }

                    for (int i = 0; i < indices.Length; i++)
                    {
                        int feature = indices[i];
                        Span<float> gradientRow = weightGradient.AsSpan(feature * classCount, classCount);
                        if (lastBatchTouching[feature] != batch)
                        {
                            lastBatchTouching[feature] = batch;
                            touched.Add(feature);
                            gradientRow.Clear();
                        }

                        AddScaled(gradientRow, errors, values[i]);
                    }
                }

                foreach (int feature in touched)
                {
                    int offset = feature * classCount;
                    for (int k = offset; k < offset + classCount; k++)
                    {
                        float gradient = weightGradient[k] + options.L2 * weights[k];
                        weightSquares[k] += gradient * gradient;
                        weights[k] -= options.LearningRate * gradient / (MathF.Sqrt(weightSquares[k]) + Epsilon);
                    }
                }

                for (int c = 0; c < classCount; c++)
                {
                    biasSquares[c] += biasGradient[c] * biasGradient[c];
                    bias[c] -= options.LearningRate * biasGradient[c] / (MathF.Sqrt(biasSquares[c]) + Epsilon);
                }
            }
        }

        return new LinearWeights(weights, bias);
    }

    private static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float factor)
    {
        for (int c = 0; c < target.Length; c++)
        {
            target[c] += source[c] * factor;
        }
    }

    private static float[] ClassWeights(IReadOnlyList<int> labels, int classCount, ClassWeighting weighting)
    {
        var weights = new float[classCount];
        if (weighting == ClassWeighting.None)
        {
            Array.Fill(weights, 1f);
            return weights;
        }

        var counts = new int[classCount];
        foreach (int label in labels)
        {
            counts[label]++;
        }

        for (int c = 0; c < classCount; c++)
        {
            weights[c] = counts[c] == 0 ? 0f : (float)labels.Count / (classCount * counts[c]);
        }

        return weights;
    }

    private static void ValidateData(IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int classCount, int featureCount)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one training example is needed.", nameof(rows));
        }

        if (labels.Count != rows.Count)
        {
            throw new ArgumentException($"There are {labels.Count} labels for {rows.Count} training examples; give exactly one label per example.", nameof(labels));
        }

        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A classifier needs at least 2 classes.");
        }

        if ((long)featureCount * classCount > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"{featureCount} features × {classCount} classes is too many weights for one array; use fewer hash bits.");
        }

        for (int i = 0; i < labels.Count; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"labels[{i}] = {labels[i]} is outside [0, {classCount}); labels must index the label names.");
            }
        }

        for (int i = 0; i < rows.Count; i++)
        {
            ReadOnlySpan<int> indices = rows[i].Indices;
            if (indices.Length > 0 && (indices[0] < 0 || indices[^1] >= featureCount))
            {
                throw new ArgumentException($"rows[{i}] has a feature index outside [0, {featureCount}).", nameof(rows));
            }
        }
    }
}
