namespace EnergyOperator.Runner.Tests.Models.Classic;

/// <summary>Seeded toy corpora: each class has its own words, mixed with words every class uses.</summary>
internal static class SyntheticCorpus
{
    private static readonly string[] Shared = ["the", "and", "report", "today", "please", "message", "team", "update", "note", "thanks"];

    public static (List<string> Texts, List<int> Labels) Generate(int count, int classCount, double classWordShare, double labelNoise, int seed)
    {
        var random = new Random(seed);
        var texts = new List<string>(count);
        var labels = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            int label = i % classCount;
            var words = new string[10];
            for (int w = 0; w < words.Length; w++)
            {
                words[w] = random.NextDouble() < classWordShare
                    ? $"topic{label}word{random.Next(15)}"
                    : Shared[random.Next(Shared.Length)];
            }

            texts.Add(string.Join(' ', words));
            labels.Add(random.NextDouble() < labelNoise ? random.Next(classCount) : label);
        }

        return (texts, labels);
    }
}
