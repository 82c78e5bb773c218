using System.Diagnostics;
using System.Text;
using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Validation;
using EnergyOperator.Testing;

namespace EnergyOperator.Contracts.Tests.Manifests;

/// <summary>
/// Seeded mutations of valid manifests: each either reads (and expands) or ends in a <see cref="ManifestException"/>, within a
/// safety cap on time and allocation per case. A stack overflow would take the test host down, which fails the run too.
/// </summary>
public sealed class ManifestFuzzTests
{
    private const int Cases = 2_400;
    private static readonly TimeSpan MaxTimePerCase = TimeSpan.FromSeconds(2);
    private const long MaxBytesPerCase = 256L * 1024 * 1024;

    private static readonly string[] Values =
    [
        "null", "~", "", "-1", "0", "1", "3000000000", "-0.5", "1e400", "-1e400", "1.7e308", "\"8\"", "'x'", "NaN", ".inf", "0x7fffffff",
        "true", "[]", "{}", "[null]", "{a: null}", "&x [1]", "*x", "&y {k: *y}", "\"a\\n\"", "!!binary AAAA", "? [a]\n  : b",
        new string('9', 400), new string('[', 200) + new string(']', 200), new string('{', 100) + new string('}', 100), "\t", "|\n  text", "'''",
    ];

    [Fact]
    public void Read_MutatedManifests_NeverThrowAnythingButManifestException()
    {
        var seeds = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "examples"), "*.yaml").Select(File.ReadAllText)
            .Append(HostileManifestTests.Valid)
            .ToArray();
        var random = new Random(20261130);
        var failures = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var text = Mutate(seeds[random.Next(seeds.Length)], random);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            try
            {
                foreach (var benchmark in ManifestReader.Read(text, $"case-{i}.yaml"))
                {
                    Assert.InRange(RunPlanner.Expand(benchmark).Count, 1, RunPlanner.MaxRuns);
                }
            }
            catch (ManifestException e)
            {
                Assert.NotEmpty(e.Problems);
            }
            catch (Exception e)
            {
                failures.Add($"case {i}: {e}\n{text[..Math.Min(text.Length, 400)]}");
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (clock.Elapsed > MaxTimePerCase || allocated > MaxBytesPerCase)
            {
                failures.Add($"case {i}: {clock.Elapsed.TotalSeconds:F1} s, {allocated / (1024 * 1024)} MiB");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)) + $"\n\n{failures.Count} failure(s)");
    }

    private static string Mutate(string text, Random random)
    {
        for (var steps = random.Next(1, 4); steps > 0; steps--)
        {
            var lines = text.Split('\n').ToList();
            var at = random.Next(lines.Count);
            switch (random.Next(8))
            {
                case 0: // a scalar value replaced with something hostile
                    var colon = lines[at].IndexOf(':', StringComparison.Ordinal);
                    if (colon >= 0)
                    {
                        lines[at] = lines[at][..(colon + 1)] + " " + Values[random.Next(Values.Length)];
                    }

                    break;
                case 1: // a list item or flow value replaced
                    lines[at] = lines[at].Replace("[", "[" + Values[random.Next(Values.Length)] + ", ", StringComparison.Ordinal);
                    break;
                case 2:
                    lines.Insert(at, lines[random.Next(lines.Count)]);
                    break;
                case 3:
                    lines.RemoveAt(at);
                    break;
                case 4: // indentation shifted
                    lines[at] = random.Next(2) == 0 ? "  " + lines[at] : lines[at].TrimStart();
                    break;
                case 5: // a key's case changed
                    lines[at] = lines[at].ToUpperInvariant();
                    break;
                case 6: // random characters, control characters and surrogates included
                    var chars = new StringBuilder(lines[at]);
                    chars.Insert(random.Next(chars.Length + 1), (char)random.Next(0, 0xFFFF));
                    lines[at] = chars.ToString();
                    break;
                default: // an alias bomb or deep nesting appended
                    lines.Add(random.Next(2) == 0
                        ? $"bomb: &b0 [{string.Join(",", Enumerable.Repeat("x", 9))}]\n" + string.Join("\n", Enumerable.Range(1, 9).Select(n => $"b{n}: &b{n} [{string.Join(",", Enumerable.Repeat($"*b{n - 1}", 9))}]"))
                        : "deep: " + new string('[', random.Next(30, 5000)) + new string(']', random.Next(0, 5000)));
                    break;
            }

            text = string.Join('\n', lines);
        }

        return text;
    }
}
