namespace EnergyOperator.Contracts.Results;

/// <summary>Mean, sample standard deviation and coefficient of variation of one figure over a configuration's repetitions.</summary>
/// <param name="Cv">Standard deviation over mean; 0 for a single repetition or a zero mean.</param>
public sealed record Spread(double Mean, double StdDev, double Cv)
{
    /// <summary>Above this coefficient of variation a configuration's repetitions disagree too much to trust its mean.</summary>
    public const double UnstableCv = 0.05;

    public static Spread Of(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        var stdDev = values.Count > 1 ? Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / (values.Count - 1)) : 0;
        return new Spread(mean, stdDev, mean != 0 ? stdDev / Math.Abs(mean) : 0);
    }
}
