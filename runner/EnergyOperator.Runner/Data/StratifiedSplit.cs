namespace EnergyOperator.Runner.Data;

/// <summary>Splits a dataset into train and test sets that keep each class's share, reproducibly for a seed.</summary>
public static class StratifiedSplit
{
    /// <remarks>
    /// Each class is shuffled, cut to its proportional share of <see cref="SplitOptions.Limit"/> (largest remainders
    /// get the leftover samples), then split with round(count × TestFraction) test samples, clamped so that a class
    /// with two or more samples has at least one on each side (a single sample goes to training). Both partitions
    /// are shuffled at the end so that classes are interleaved.
    /// </remarks>
    public static DatasetSplit Create(TextDataset dataset, SplitOptions options)
    {
        options.Validate();
        var random = new SplitMix64(unchecked((ulong)options.Seed));
        List<int>[] classes = GroupByLabel(dataset);
        foreach (List<int> members in classes)
        {
            random.Shuffle(members);
        }

        if (options.Limit is int limit && limit < dataset.Samples.Count)
        {
            int[] quotas = Apportion([.. classes.Select(members => members.Count)], limit);
            for (int label = 0; label < classes.Length; label++)
            {
                classes[label].RemoveRange(quotas[label], classes[label].Count - quotas[label]);
            }
        }

        var train = new List<int>();
        var test = new List<int>();
        foreach (List<int> members in classes)
        {
            int testCount = TestCount(members.Count, options.TestFraction);
            test.AddRange(members.Take(testCount));
            train.AddRange(members.Skip(testCount));
        }

        random.Shuffle(train);
        random.Shuffle(test);
        return new DatasetSplit(dataset.Name, dataset.Labels, Partition(dataset, train), Partition(dataset, test));
    }

    private static List<int>[] GroupByLabel(TextDataset dataset)
    {
        var classes = new List<int>[dataset.Labels.Count];
        for (int label = 0; label < classes.Length; label++)
        {
            classes[label] = [];
        }

        for (int index = 0; index < dataset.Samples.Count; index++)
        {
            classes[dataset.Labels.IndexOf(dataset.Samples[index].Label)].Add(index);
        }

        return classes;
    }

    /// <summary>Largest-remainder apportionment of <paramref name="total"/> seats over classes of the given sizes.</summary>
    internal static int[] Apportion(int[] sizes, int total)
    {
        long population = sizes.Sum(size => (long)size);
        int[] quotas = [.. sizes.Select(size => (int)(size * (long)total / population))];
        int leftover = total - quotas.Sum();
        var byRemainder = Enumerable.Range(0, sizes.Length)
            .OrderByDescending(Remainder)
            .ThenBy(label => label);
        foreach (int label in byRemainder.Take(leftover))
        {
            quotas[label]++;
        }

        return quotas;

        long Remainder(int label) => sizes[label] * (long)total % population;
    }

    private static int TestCount(int count, double testFraction) =>
        count < 2 ? 0 : Math.Clamp((int)Math.Round(count * testFraction, MidpointRounding.AwayFromZero), 1, count - 1);

    private static TextPartition Partition(TextDataset dataset, List<int> indices) =>
        new(
            [.. indices.Select(index => dataset.Samples[index].Text)],
            [.. indices.Select(index => dataset.Labels.IndexOf(dataset.Samples[index].Label))],
            indices);
}
