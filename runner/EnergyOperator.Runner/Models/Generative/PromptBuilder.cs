namespace EnergyOperator.Runner.Models.Generative;

/// <summary>
/// Builds a grid cell's prompts from tokenized dataset texts: request <c>i</c> takes text <c>first + i</c> (cycling over the
/// texts that have tokens), cut to the bin when longer and repeated end to end when shorter, so every prompt has exactly the
/// bin's length and real text in it.
/// </summary>
public static class PromptBuilder
{
    /// <exception cref="ArgumentException">No text has a token.</exception>
    public static int[][] Build(IReadOnlyList<int[]> encodedTexts, int length, int count, int first)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var usable = encodedTexts.Where(t => t.Length > 0).ToArray();
        if (usable.Length == 0)
        {
            throw new ArgumentException("No dataset text has a token to build prompts from.", nameof(encodedTexts));
        }

        var prompts = new int[count][];
        for (var i = 0; i < count; i++)
        {
            var text = usable[(int)(((long)first + i) % usable.Length)];
            var prompt = new int[length];
            for (var position = 0; position < length; position += text.Length)
            {
                text.AsSpan(0, Math.Min(text.Length, length - position)).CopyTo(prompt.AsSpan(position));
            }

            prompts[i] = prompt;
        }

        return prompts;
    }
}
