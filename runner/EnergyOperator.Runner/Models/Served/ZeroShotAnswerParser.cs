using System.Text.RegularExpressions;
using EnergyOperator.Runner.Scoring;

namespace EnergyOperator.Runner.Models.Served;

/// <summary>
/// Reads a zero-shot answer: its label is that of the first word of the answer (case-insensitive, whole words: runs of letters
/// and digits) that is one of the answer words; an answer with none is <see cref="Invalid"/>.
/// </summary>
public sealed partial class ZeroShotAnswerParser
{
    /// <summary>Scored as the scorer's no-label prediction: wrong, in no class's column.</summary>
    public const int Invalid = ClassificationScorer.NoLabel;

    private readonly Dictionary<string, int> _labelOfWord;

    private ZeroShotAnswerParser(Dictionary<string, int> labelOfWord) => _labelOfWord = labelOfWord;

    /// <param name="answers">Answer word → dataset label; null: each dataset label answers for itself.</param>
    /// <exception cref="ArgumentException">An answer word is not one word, or maps to a label the dataset lacks; the message names it.</exception>
    public static ZeroShotAnswerParser Create(IReadOnlyDictionary<string, string>? answers, IReadOnlyList<string> datasetLabels)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (word, label) in answers ?? datasetLabels.ToDictionary(label => label))
        {
            if (!WordPattern().IsMatch(word) || WordPattern().Match(word).Value != word)
            {
                throw new ArgumentException($"'{word}' is not one word (letters and digits): answers are matched word by word");
            }

            var index = datasetLabels.ToList().IndexOf(label);
            if (index < 0)
            {
                throw new ArgumentException($"'{word}' maps to '{label}', which is not a dataset label ({string.Join(", ", datasetLabels)})");
            }

            if (!map.TryAdd(word, index))
            {
                throw new ArgumentException($"'{word}' is listed twice (answer words are case-insensitive)");
            }
        }

        return new ZeroShotAnswerParser(map);
    }

    /// <summary>The dataset label index of <paramref name="answer"/>, or <see cref="Invalid"/>.</summary>
    public int Parse(string answer)
    {
        foreach (Match word in WordPattern().Matches(answer))
        {
            if (_labelOfWord.TryGetValue(word.Value, out var label))
            {
                return label;
            }
        }

        return Invalid;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
