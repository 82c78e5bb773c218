using EnergyOperator.Install.Tests.Yaml;

namespace EnergyOperator.Install.Tests.Helm;

public sealed class TemplateEngineTests
{
    [Fact]
    public void TrimMarkers_RemoveWhitespaceOnTheirSideOnly()
    {
        Assert.Equal("a:b\n", Render("a:  \n  {{- .Values.x -}}  \n\n{{ \"\\n\" }}", "x: b"));
    }

    [Fact]
    public void IncludeNindentAndToYaml_NestABlockUnderAKey()
    {
        var text = Render("""
            {{- define "labels" -}}
            app: {{ .name }}
            {{- end }}
            metadata:
              labels:
                {{- include "labels" .Values | nindent 4 }}
                {{- toYaml .Values.extra | nindent 4 }}
            """, "name: demo\nextra: {z: 1, a: [x, \"true\"], m: {}}");

        Assert.Equal("\nmetadata:\n  labels:\n    app: demo\n    a:\n    - x\n    - \"true\"\n    m: {}\n    z: 1", text);
    }

    [Fact]
    public void Range_VisitsListsInOrderAndMapsByKeyWithRootStillReachable()
    {
        var text = Render(
            "{{ range .Values.list }}[{{ . }}@{{ $.Values.tag }}]{{ end }}{{ range $k, $v := .Values.map }}{{ $k }}={{ $v }};{{ end }}{{ range .Values.none }}x{{ else }}empty{{ end }}",
            "list: [b, a]\nmap: {z: 1, a: true}\ntag: t\nnone: []");

        Assert.Equal("[b@t][a@t]a=true;z=1;empty", text);
    }

    [Fact]
    public void IfAndWith_FollowGoTruthAndWithMovesTheDot()
    {
        var text = Render(
            "{{ if .Values.zero }}1{{ else }}0{{ end }}{{ if .Values.list }}L{{ end }}{{ with .Values.map }}{{ .k }}{{ end }}{{ with .Values.emptyMap }}E{{ else }}none{{ end }}",
            "zero: 0\nlist: [x]\nmap: {k: v}\nemptyMap: {}");

        Assert.Equal("0Lvnone", text);
    }

    [Fact]
    public void StringFunctions_BehaveAsSprigDoes()
    {
        var text = Render(
            """{{ default "d" .Values.empty }} {{ .Values.tag | default "d" }} {{ .Values.long | trunc 5 | trimSuffix "-" }} {{ .Values.flag | quote }} {{ join "," .Values.list | quote }} {{ "x\"y" | quote }} {{ "a\nb" | indent 2 }}""",
            "empty: \"\"\ntag: v1\nlong: abcd-efgh\nflag: false\nlist: [a, b]");

        Assert.Equal("d v1 abcd \"false\" \"a,b\" \"x\\\"y\"   a\n  b", text);
    }

    [Theory]
    [InlineData("{{ upper .Values.a }}", "function 'upper' is not supported")]
    [InlineData("{{ template \"x\" . }}", "'template' is not supported")]
    [InlineData("{{ if .Values.a }}x{{ else if .Values.a }}y{{ end }}", "is not supported: use a nested if")]
    [InlineData("{{ $x := .Values.a }}", "variables may be declared only by range")]
    [InlineData("{{ .Values.missing }}", "no key 'missing' (add it to values.yaml)")]
    [InlineData("{{ .Values.map }}", "has no scalar text: use toYaml")]
    [InlineData("{{ .Values.nothing }}", "would print '<no value>'")]
    [InlineData("{{ if .Values.a }}x", "missing {{ end }}")]
    [InlineData("{{ `raw` }}", "is not supported (no raw strings")]
    [InlineData("{{ nindent 2 }}", "nindent takes 2 argument(s), got 1")]
    [InlineData("{{ include \"nope\" . }}", "include of undefined template 'nope'")]
    [InlineData("{{ .Values.a | .Values.a }}", "only a function can follow '|'")]
    public void Render_OutsideTheSubset_ThrowsNamingTheProblem(string template, string expected)
    {
        var error = Assert.Throws<TemplateException>(() => Render(template, "a: x\nmap: {k: v}\nnothing: null"));

        Assert.Contains(expected, error.Message);
        Assert.StartsWith("test.yaml:1: ", error.Message);
    }

    private static string Render(string template, string values)
    {
        var defines = new Dictionary<string, IReadOnlyList<Node>>(StringComparer.Ordinal);
        var nodes = TemplateParser.Parse(template, "test.yaml", defines);
        var root = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Values"] = YamlValues.Parse(values, "values") };
        return new TemplateEvaluator(defines, root).Render(nodes, "test.yaml");
    }
}
