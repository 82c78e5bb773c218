using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EnergyOperator.Install.Tests.Images;

/// <summary>The instructions of one Dockerfile the tests check, with the comment lines written above each.</summary>
internal sealed partial record Dockerfile(string RelativePath, IReadOnlyList<DockerInstruction> Instructions)
{
    public static Dockerfile Read(string relativePath)
    {
        var instructions = new List<DockerInstruction>();
        var comments = new List<string>();
        var lines = File.ReadAllLines(Repository.PathOf(relativePath));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#'))
            {
                comments.Add(line.TrimStart('#').Trim());
                continue;
            }

            if (line.Length == 0)
            {
                comments.Clear();
                continue;
            }

            // Continuation lines end with a backslash.
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1].TrimEnd() + " " + lines[++i].Trim();
            }

            var space = line.IndexOf(' ');
            instructions.Add(new DockerInstruction(line[..space].ToUpperInvariant(), line[(space + 1)..].Trim(), string.Join(' ', comments)));
            comments.Clear();
        }

        return new Dockerfile(relativePath, instructions);
    }

    public IEnumerable<string> Arguments(string instruction) => Instructions.Where(i => i.Name == instruction).Select(i => i.Arguments);

    /// <summary>The project <c>dotnet publish</c> builds (exactly one per image).</summary>
    public string PublishedProject => PublishCommand().Match(PublishCommandLine).Groups["project"].Value;

    public string PublishCommandLine => Assert.Single(Arguments("RUN"), r => PublishCommand().IsMatch(r));

    /// <summary>MSBuild's rule: the AssemblyName property, else the project file's name.</summary>
    public static string AssemblyName(string project) =>
        XDocument.Load(Repository.PathOf(project)).Descendants("AssemblyName").Select(e => e.Value).SingleOrDefault()
        ?? Path.GetFileNameWithoutExtension(project);

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)")]
    private static partial Regex PublishCommand();
}

internal sealed record DockerInstruction(string Name, string Arguments, string Comment);
