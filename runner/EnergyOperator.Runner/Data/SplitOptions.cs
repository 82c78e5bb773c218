namespace EnergyOperator.Runner.Data;

/// <summary>How a dataset is cut into training and test texts.</summary>
public sealed record SplitOptions
{
    /// <summary>Share of each class that goes to the test set, strictly between 0 and 1.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Fixes the sampling and shuffling, identically on every machine and runtime.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Use at most this many samples (taken per class in proportion) before splitting; null for all.</summary>
    public int? Limit { get; init; }

    internal void Validate()
    {
        if (!(TestFraction is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(TestFraction), TestFraction, "The test fraction must be strictly between 0 and 1, e.g. 0.2.");
        }

        if (Limit is <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Limit), Limit, "The sample limit must be positive; leave it unset to use every sample.");
        }
    }
}
