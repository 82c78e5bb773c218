using System.Globalization;
using System.Xml.Linq;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Reports;

/// <summary>
/// Accuracy against joules per sample (log scale), one numbered point per configuration with a key below the chart
/// (configurations often share an accuracy, and their names would overprint), ± one standard deviation of joules per sample over
/// the repetitions as a horizontal error bar, the Pareto front as a step line with its points ringed; estimated points are
/// hollow. A standalone SVG: no scripts, fonts or other external assets.
/// </summary>
internal static class SvgChart
{
    private const double Width = 760, ChartHeight = 520, KeyTop = 24, KeyRow = 16;
    private const double Left = 70, Right = 590, Top = 50, Bottom = 400;
    private const string Ink = "#1f5f9e", Front = "#d9480f", Grid = "#dddddd";

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static string Render(BenchmarkView view)
    {
        var fits = view.Summary.RuntimeFits;
        var gpuFit = view.Summary.GpuRuntimeFit;
        var fitLines = fits.Count + (gpuFit is null ? 0 : 1);
        var height = ChartHeight + KeyTop + (KeyRow * (view.Summary.Configurations.Count + (fitLines > 0 ? fitLines + 1 : 0)));
        var root = E("svg",
            new XAttribute("width", Width), new XAttribute("height", height), new XAttribute("viewBox", $"0 0 {Width} {height}"),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", 12),
            E("title", $"{view.Name}: accuracy against joules per sample"),
            E("rect", new XAttribute("width", Width), new XAttribute("height", height), new XAttribute("fill", "white")),
            Text(Width / 2, 28, $"{view.Name}: accuracy against joules per sample", "middle", size: 15));

        var configurations = view.Summary.Configurations;
        if (configurations.Count == 0)
        {
            root.Add(Text(Width / 2, height / 2, "no successful run to plot", "middle"));
            return Document(root);
        }

        // The axis spans the error bars too; a bar reaching below zero is cut at the axis's left end.
        var x = LogScale.Fit(configurations.SelectMany(c => new[] { c.JoulesPerSample - c.JoulesPerSampleStdDev, c.JoulesPerSample + c.JoulesPerSampleStdDev }));
        var y = AccuracyScale.Fit(configurations.Select(c => c.Accuracy));
        AddAxes(root, x, y);
        AddParetoFront(root, configurations, view.Summary.Pareto, x, y);
        foreach (var c in configurations.Where(c => c.JoulesPerSampleStdDev > 0))
        {
            root.Add(ErrorBar(c, x, y));
        }

        for (var i = 0; i < configurations.Count; i++)
        {
            var c = configurations[i];
            var (px, py) = (x.Map(c.JoulesPerSample), y.Map(c.Accuracy));
            var estimated = c.Estimated ? " (estimated)" : "";
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (view.Summary.Pareto.Contains(c.Key))
            {
                root.Add(E("circle", new XAttribute("class", "pareto-member"), new XAttribute("cx", R(px)), new XAttribute("cy", R(py)),
                    new XAttribute("r", 9), new XAttribute("fill", "none"), new XAttribute("stroke", Front), new XAttribute("stroke-width", 2)));
            }

            root.Add(
                E("circle",
                    new XAttribute("class", c.Estimated ? "configuration estimated" : "configuration"),
                    new XAttribute("cx", R(px)), new XAttribute("cy", R(py)), new XAttribute("r", 5),
                    new XAttribute("fill", c.Estimated ? "white" : Ink), new XAttribute("stroke", Ink), new XAttribute("stroke-width", 2),
                    E("title", $"{c.Key}: accuracy {F(c.Accuracy, "0.0000")}, {F(c.JoulesPerSample, "G4")} ± {F(c.JoulesPerSampleStdDev, "G4")} J/sample{estimated}")),
                // Alternating above and below keeps neighbours of equal accuracy apart.
                Text(px, i % 2 == 0 ? py - 12 : py + 22, number, "middle", size: 11),
                Text(Left, ChartHeight + KeyTop + (KeyRow * i), $"{number}  {c.Key}: accuracy {F(c.Accuracy, "0.0000")}, {F(c.JoulesPerSample, "G4")} J/sample{estimated}", "start", size: 11));
        }

        // Runtime as a proxy for energy, one line per hardware target below the key.
        for (var i = 0; i < fits.Count; i++)
        {
            var fit = fits[i];
            // Short enough to fit the chart's width; the Markdown report says why estimated energy proves nothing.
            var note = fit.Estimated ? " (estimated energy: R² proves nothing)" : "";
            var line = Text(Left, ChartHeight + KeyTop + (KeyRow * (configurations.Count + 1 + i)),
                $"runtime proxy, {fit.Hardware}: E = {F(fit.Watts, "G4")} W × t, R² {F(fit.RSquared, "0.000")} over {fit.Runs} runs{note}", "start", size: 11);
            line.SetAttributeValue("class", "runtime-fit");
            root.Add(line);
        }

        if (gpuFit is not null)
        {
            var note = gpuFit.Estimated ? " (includes estimated energy)" : "";
            var line = Text(Left, ChartHeight + KeyTop + (KeyRow * (configurations.Count + 1 + fits.Count)),
                $"across targets: E = ({F(gpuFit.BaseWatts, "G4")} W + {F(gpuFit.WattsPerGpu, "G4")} W × GPUs) × t, R² {F(gpuFit.RSquared, "0.000")} over {gpuFit.Runs} runs{note}", "start", size: 11);
            line.SetAttributeValue("class", "runtime-fit");
            root.Add(line);
        }

        AddLegend(root);
        return Document(root);
    }

    private static void AddAxes(XElement root, LogScale x, AccuracyScale y)
    {
        foreach (var tick in x.Ticks())
        {
            var px = x.Map(tick);
            root.Add(Line(px, Top, px, Bottom, Grid), Text(px, Bottom + 18, F(tick, "G4"), "middle"));
        }

        foreach (var tick in y.Ticks())
        {
            var py = y.Map(tick);
            root.Add(Line(Left, py, Right, py, Grid), Text(Left - 8, py + 4, F(tick, "0.00"), "end"));
        }

        root.Add(
            Line(Left, Bottom, Right, Bottom, "black"),
            Line(Left, Top, Left, Bottom, "black"),
            Text((Left + Right) / 2, Bottom + 40, "joules per sample (log scale)", "middle"),
            Rotated(Text(0, 0, "accuracy", "middle"), 22, (Top + Bottom) / 2));
    }

    /// <summary>Along the front, accuracy only rises as joules rise: each step holds the accuracy until the next configuration's cost.</summary>
    private static void AddParetoFront(XElement root, IReadOnlyList<ConfigurationSummary> configurations, IReadOnlyList<string> pareto, LogScale x, AccuracyScale y)
    {
        var front = configurations.Where(c => pareto.Contains(c.Key)).OrderBy(c => c.JoulesPerSample).ToList();
        if (front.Count == 0)
        {
            return;
        }

        var path = $"M {R(x.Map(front[0].JoulesPerSample))} {R(y.Map(front[0].Accuracy))}" +
            string.Concat(front.Skip(1).Select(c => $" H {R(x.Map(c.JoulesPerSample))} V {R(y.Map(c.Accuracy))}"));
        root.Add(E("path",
            new XAttribute("class", "pareto-front"), new XAttribute("d", path),
            new XAttribute("fill", "none"), new XAttribute("stroke", Front), new XAttribute("stroke-width", 2)));
    }

    /// <summary>From mean − sd to mean + sd at the point's accuracy, with end caps; on a log axis it is not symmetric.</summary>
    private static XElement ErrorBar(ConfigurationSummary c, LogScale x, AccuracyScale y)
    {
        var (low, high, py) = (x.Map(c.JoulesPerSample - c.JoulesPerSampleStdDev), x.Map(c.JoulesPerSample + c.JoulesPerSampleStdDev), y.Map(c.Accuracy));
        return E("g",
            new XAttribute("class", "error-bar"),
            E("title", $"{c.Key}: ± {F(c.JoulesPerSampleStdDev, "G4")} J/sample over {c.Repetitions} repetitions"),
            Line(low, py, high, py, Ink),
            Line(low, py - 4, low, py + 4, Ink),
            Line(high, py - 4, high, py + 4, Ink));
    }

    private static void AddLegend(XElement root)
    {
        const double Row = Bottom + 70;
        root.Add(
            E("circle", new XAttribute("cx", Left + 6), new XAttribute("cy", Row), new XAttribute("r", 5), new XAttribute("fill", Ink)),
            Text(Left + 18, Row + 4, "measured", "start"),
            E("circle", new XAttribute("cx", Left + 106), new XAttribute("cy", Row), new XAttribute("r", 5),
                new XAttribute("fill", "white"), new XAttribute("stroke", Ink), new XAttribute("stroke-width", 2)),
            Text(Left + 118, Row + 4, "estimated: no energy sensor (process CPU time × watts per core)", "start"),
            Line(Left, Row + 20, Left + 12, Row + 20, Front, width: 2),
            Text(Left + 18, Row + 24, "Pareto front, ringed (no configuration is both more accurate and cheaper)", "start"),
            Line(Left, Row + 40, Left + 12, Row + 40, Ink),
            Text(Left + 18, Row + 44, "± one standard deviation of joules per sample over the repetitions", "start"));
    }

    private static string Document(XElement root) => new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root;

    private static XElement E(string name, params object[] content) => new(Svg + name, content);

    private static XElement Line(double x1, double y1, double x2, double y2, string stroke, double width = 1) =>
        E("line", new XAttribute("x1", R(x1)), new XAttribute("y1", R(y1)), new XAttribute("x2", R(x2)), new XAttribute("y2", R(y2)),
            new XAttribute("stroke", stroke), new XAttribute("stroke-width", width));

    private static XElement Text(double x, double y, string text, string anchor, double size = 12) =>
        E("text", new XAttribute("x", R(x)), new XAttribute("y", R(y)), new XAttribute("text-anchor", anchor), new XAttribute("font-size", size), text);

    private static XElement Rotated(XElement text, double x, double y)
    {
        text.Add(new XAttribute("transform", $"translate({R(x)} {R(y)}) rotate(-90)"));
        return text;
    }

    private static double R(double value) => Math.Round(value, 2);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Whole decades around the data, so that ticks fall on 10<sup>k</sup>.</summary>
    private sealed record LogScale(int LowDecade, int HighDecade)
    {
        public static LogScale Fit(IEnumerable<double> values)
        {
            // A log axis has no zero: a (rounded-to-)zero cost sits at the axis's left end.
            var positive = values.Where(v => v > 0).DefaultIfEmpty(1).ToList();
            var low = (int)Math.Floor(Math.Log10(positive.Min()));
            var high = (int)Math.Ceiling(Math.Log10(positive.Max()));
            return new LogScale(low, Math.Max(high, low + 1));
        }

        public double Map(double value)
        {
            var decades = Math.Log10(Math.Max(value, Math.Pow(10, LowDecade))) - LowDecade;
            return Left + (decades / (HighDecade - LowDecade) * (Right - Left));
        }

        public IEnumerable<double> Ticks() => Enumerable.Range(LowDecade, HighDecade - LowDecade + 1).Select(k => Math.Pow(10, k));
    }

    /// <summary>Accuracy rounded out to tenths, clamped to [0, 1].</summary>
    private sealed record AccuracyScale(double Low, double High)
    {
        public static AccuracyScale Fit(IEnumerable<double> values)
        {
            var list = values.ToList();
            var low = Math.Max(0, Math.Floor(list.Min() * 10) / 10);
            var high = Math.Min(1, Math.Ceiling(list.Max() * 10) / 10);
            return high - low < 0.1 ? new AccuracyScale(Math.Max(0, high - 0.1), Math.Max(high, 0.1)) : new AccuracyScale(low, high);
        }

        public double Map(double value) => Bottom - ((value - Low) / (High - Low) * (Bottom - Top));

        public IEnumerable<double> Ticks()
        {
            var step = High - Low <= 0.2 ? 0.02 : High - Low <= 0.5 ? 0.05 : 0.1;
            var count = (int)Math.Round((High - Low) / step);
            return Enumerable.Range(0, count + 1).Select(i => Math.Round(Low + (i * step), 4));
        }
    }
}
