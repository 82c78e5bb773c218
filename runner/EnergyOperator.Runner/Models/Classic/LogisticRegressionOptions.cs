namespace EnergyOperator.Runner.Models.Classic;

/// <summary>How classes are weighted in the training loss.</summary>
public enum ClassWeighting
{
    /// <summary>Every example counts once.</summary>
    None,

    /// <summary>Each class contributes equally in total: an example of class c weighs n / (classCount × n_c).</summary>
    Balanced,
}

/// <summary>Settings of the multinomial logistic regression trainer (mini-batch AdaGrad with L2 regularisation).</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>Passes over the training set; each pass visits the examples in a fresh seeded shuffle.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>AdaGrad step size; the per-weight steps shrink as squared gradients accumulate.</summary>
    public float LearningRate { get; init; } = 0.5f;

    /// <summary>Strength of the L2 penalty (λ/2)‖W‖², applied to the weight rows each mini-batch touches.</summary>
    public float L2 { get; init; } = 1e-5f;

    public int BatchSize { get; init; } = 8;

    /// <summary>Seeds the shuffles: the same data, options and seed give bit-identical weights.</summary>
    public int Seed { get; init; } = 42;

    public ClassWeighting ClassWeighting { get; init; } = ClassWeighting.None;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that is out of range and what it accepts.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, $"{nameof(LogisticRegressionOptions)}.{nameof(Epochs)} must be at least 1.");
        }

        if (!(float.IsFinite(LearningRate) && LearningRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"{nameof(LogisticRegressionOptions)}.{nameof(LearningRate)} must be a positive number (0.5 is the default).");
        }

        if (!(float.IsFinite(L2) && L2 >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(L2), L2, $"{nameof(LogisticRegressionOptions)}.{nameof(L2)} must be zero or a positive number.");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"{nameof(LogisticRegressionOptions)}.{nameof(BatchSize)} must be at least 1.");
        }

        if (!Enum.IsDefined(ClassWeighting))
        {
            throw new ArgumentOutOfRangeException(nameof(ClassWeighting), ClassWeighting, $"{nameof(LogisticRegressionOptions)}.{nameof(ClassWeighting)} must be {nameof(ClassWeighting.None)} or {nameof(ClassWeighting.Balanced)}.");
        }
    }
}
