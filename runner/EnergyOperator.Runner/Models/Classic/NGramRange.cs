namespace EnergyOperator.Runner.Models.Classic;

/// <summary>An inclusive range of n-gram lengths, e.g. (1, 2) for unigrams and bigrams.</summary>
public readonly record struct NGramRange(int Min, int Max)
{
    public override string ToString() => $"{Min}-{Max}";
}
