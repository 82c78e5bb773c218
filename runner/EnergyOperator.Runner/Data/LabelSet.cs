using System.Collections;

namespace EnergyOperator.Runner.Data;

/// <summary>
/// The ordered class names of a dataset; a label's index in this list is the int label the models work with.
/// </summary>
public sealed class LabelSet : IReadOnlyList<string>
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _indices;

    private LabelSet(string[] names)
    {
        if (names.Length == 0)
        {
            throw new ArgumentException("The label list is empty; give at least one label.", nameof(names));
        }

        _names = names;
        _indices = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (int index = 0; index < names.Length; index++)
        {
            if (string.IsNullOrEmpty(names[index]))
            {
                throw new ArgumentException($"Label {index} of [{Describe(names)}] is empty; every label needs a name.", nameof(names));
            }

            if (!_indices.TryAdd(names[index], index))
            {
                throw new ArgumentException($"Label '{names[index]}' appears twice in [{Describe(names)}]; list each label once.", nameof(names));
            }
        }
    }

    public int Count => _names.Length;

    public string this[int index] => _names[index];

    /// <summary>Labels in the caller's order, e.g. from a manifest.</summary>
    public static LabelSet InOrder(IEnumerable<string> names) => new([.. names]);

    /// <summary>The distinct labels, sorted ordinally so that indices do not depend on sample order.</summary>
    public static LabelSet SortedDistinct(IEnumerable<string> labels) =>
        new([.. labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    public bool TryGetIndex(string label, out int index) => _indices.TryGetValue(label, out index);

    /// <exception cref="InvalidDataException"><paramref name="label"/> is not in the list.</exception>
    public int IndexOf(string label) =>
        _indices.TryGetValue(label, out int index)
            ? index
            : throw new InvalidDataException(
                $"Label '{label}' is not in the label list [{this}]; add it to the labels or leave the labels unset to use every label the data has.");

    public int[] IndicesOf(IEnumerable<LabeledText> samples) => [.. samples.Select(sample => IndexOf(sample.Label))];

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_names).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Describe(_names);

    private static string Describe(string[] names) => string.Join(", ", names);
}
