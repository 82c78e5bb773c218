using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EnergyOperator.Install.Tests.Yaml;

namespace EnergyOperator.Install.Tests.Helm;

internal sealed record Release(string Name, string Namespace);

/// <summary>One object of a render: the template file it came from, its YAML text and its JSON form.</summary>
internal sealed record RenderedManifest(string Template, string Yaml, JsonObject Object)
{
    public string Kind => (string)Object["kind"]!;

    public string Name => (string)Object["metadata"]!["name"]!;

    public override string ToString() => $"{Template}: {Kind}/{Name}";
}

internal sealed record ChartRender(string ChartName, IReadOnlyList<RenderedManifest> Manifests, string Notes)
{
    public IEnumerable<RenderedManifest> OfKind(string kind) => Manifests.Where(m => m.Kind == kind);

    /// <summary>The manifests as one YAML stream, each under a <c># Source:</c> line as <c>helm template</c> prints them.</summary>
    public string ToYamlStream() => string.Concat(Manifests.Select(m => $"---\n# Source: {ChartName}/templates/{m.Template}\n{m.Yaml.Trim('\n')}\n"));
}

/// <summary>
/// A Helm chart rendered the way <c>helm template</c> would, for the Go-template subset <see cref="TemplateParser"/> supports.
/// Files under templates/ starting with '_' only define named templates; NOTES.txt renders separately.
/// </summary>
internal sealed partial class HelmChart
{
    private const string NotesFile = "NOTES.txt";

    private readonly IReadOnlyDictionary<string, object?> _chart;
    private readonly object? _values;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<Node>> _templates;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<Node>> _defines;

    private HelmChart(IReadOnlyDictionary<string, object?> chart, object? values, IReadOnlyDictionary<string, IReadOnlyList<Node>> templates, IReadOnlyDictionary<string, IReadOnlyList<Node>> defines)
    {
        _chart = chart;
        _values = values;
        _templates = templates;
        _defines = defines;
    }

    public string Name => (string)_chart["Name"]!;

    public static HelmChart Load(string directory)
    {
        var metadata = YamlValues.Parse(File.ReadAllText(Path.Combine(directory, "Chart.yaml")), "Chart.yaml") as Dictionary<string, object?>
            ?? throw new InvalidDataException($"{directory}/Chart.yaml is not a map.");
        var chart = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Name"] = metadata["name"],
            ["Version"] = metadata["version"],
            ["AppVersion"] = metadata["appVersion"],
        };

        var defines = new Dictionary<string, IReadOnlyList<Node>>(StringComparer.Ordinal);
        var templates = new SortedDictionary<string, IReadOnlyList<Node>>(StringComparer.Ordinal);
        var templatesDirectory = Path.Combine(directory, "templates");
        foreach (var path in Directory.EnumerateFileSystemEntries(templatesDirectory).Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            if (!TemplateFileName().IsMatch(file))
            {
                throw new TemplateException($"templates/{file}: the renderer reads only *.yaml, _*.tpl and {NotesFile} (no folders).");
            }

            var nodes = TemplateParser.Parse(File.ReadAllText(path), $"templates/{file}", defines);
            if (!file.StartsWith('_'))
            {
                templates.Add(file, nodes);
            }
        }

        var values = YamlValues.Parse(File.ReadAllText(Path.Combine(directory, "values.yaml")), "values.yaml");
        return new HelmChart(chart, values, templates, defines);
    }

    /// <param name="valuesOverride">YAML merged over values.yaml, as <c>helm template -f</c> merges a values file.</param>
    public ChartRender Render(Release release, string? valuesOverride = null)
    {
        var values = valuesOverride is null ? _values : YamlValues.Merge(_values, YamlValues.Parse(valuesOverride, "values override"));
        var root = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Values"] = values,
            ["Chart"] = _chart,
            ["Release"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Name"] = release.Name, ["Namespace"] = release.Namespace },
        };

        var evaluator = new TemplateEvaluator(_defines, root);
        var manifests = new List<RenderedManifest>();
        var notes = "";
        foreach (var (file, nodes) in _templates)
        {
            var text = evaluator.Render(nodes, $"templates/{file}");
            if (file == NotesFile)
            {
                notes = text;
                continue;
            }

            manifests.AddRange(DocumentSeparator().Split(text).Where(HasContent).Select(yaml => ToManifest(file, yaml)));
        }

        return new ChartRender(Name, manifests, notes);
    }

    private static bool HasContent(string yaml) =>
        yaml.Split('\n').Any(line => line.Trim() is { Length: > 0 } trimmed && !trimmed.StartsWith('#'));

    private static RenderedManifest ToManifest(string file, string yaml)
    {
        var value = YamlValues.Parse(yaml, $"templates/{file} (rendered)");
        return YamlValues.ToJson(value) is JsonObject manifest
            ? new RenderedManifest(file, yaml, manifest)
            : throw new TemplateException($"templates/{file} rendered a document that is not a map:\n{yaml}");
    }

    [GeneratedRegex(@"^---[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^([a-z0-9-]+\.yaml|_[a-z0-9-]+\.tpl|NOTES\.txt)$")]
    private static partial Regex TemplateFileName();
}
