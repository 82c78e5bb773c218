using System.Xml.Linq;
using EnergyOperator.Cli.Reports;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Tests.Reports;

public sealed class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Render_IsWellFormedSvgWithOnePointPerConfiguration()
    {
        var document = XDocument.Parse(SvgChart.Render(BenchmarkView.FromReport(SampleResults.Report())));

        Assert.Equal(Svg + "svg", document.Root!.Name);
        var points = Points(document);
        Assert.Equal(2, points.Count);
        Assert.Contains(points, p => p.Element(Svg + "title")!.Value.StartsWith(SampleResults.Cheap, StringComparison.Ordinal));
        Assert.DoesNotContain(document.Descendants(), e => e.Attribute("href") is not null || e.Name.LocalName is "script" or "image");
    }

    [Fact]
    public void Render_ListsTheRuntimeFitOfEachHardwareTargetAndWarnsWhenItsEnergyIsEstimated()
    {
        var report = SampleResults.Report();
        var fits = new[] { new RuntimeFit("h200", 1, 6, 412.5, 0.9981, 410, 0.997, false), new RuntimeFit("cpu", 0, 4, 20, 1, 20, 1, true) };
        var view = BenchmarkView.FromReport(report with { Summary = report.Summary with { RuntimeFits = fits, GpuRuntimeFit = null } });

        var document = XDocument.Parse(SvgChart.Render(view));

        var lines = document.Descendants(Svg + "text").Where(t => t.Attribute("class")?.Value == "runtime-fit").Select(t => t.Value).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("runtime proxy, h200: E = 412.5 W × t, R² 0.998 over 6 runs", lines[0]);
        Assert.Contains("estimated energy", lines[1]);
        Assert.True(double.Parse(document.Root!.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture)
            > double.Parse(XDocument.Parse(SvgChart.Render(BenchmarkView.FromReport(report with { Summary = report.Summary with { RuntimeFits = [] } }))).Root!.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Render_ListsTheFitAcrossTargetsBelowThePerTargetFits()
    {
        var report = SampleResults.Report();
        var view = BenchmarkView.FromReport(report with
        {
            Summary = report.Summary with { RuntimeFits = [], GpuRuntimeFit = new GpuRuntimeFit(61.25, 405, 0.9994, 20, Estimated: true) },
        });

        var document = XDocument.Parse(SvgChart.Render(view));

        var line = Assert.Single(document.Descendants(Svg + "text"), t => t.Attribute("class")?.Value == "runtime-fit").Value;
        Assert.Equal("across targets: E = (61.25 W + 405 W × GPUs) × t, R² 0.999 over 20 runs (includes estimated energy)", line);
    }

    [Fact]
    public void Render_DrawsEstimatedPointsHollowAndSaysWhy()
    {
        var document = XDocument.Parse(SvgChart.Render(BenchmarkView.FromReport(SampleResults.Report())));

        var estimated = Assert.Single(Points(document), p => p.Attribute("class")!.Value.Contains("estimated", StringComparison.Ordinal));
        Assert.Equal("white", estimated.Attribute("fill")!.Value);
        Assert.Contains("(estimated)", estimated.Element(Svg + "title")!.Value);
        Assert.Contains(document.Descendants(Svg + "text"), t => t.Value.StartsWith("estimated: no energy sensor", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_DrawsTheParetoFrontAsAStepThroughItsPoints()
    {
        var document = XDocument.Parse(SvgChart.Render(BenchmarkView.FromReport(SampleResults.Report())));

        var path = Assert.Single(document.Descendants(Svg + "path"), p => p.Attribute("class")?.Value == "pareto-front");
        var d = path.Attribute("d")!.Value;
        var cheap = Points(document).Single(p => p.Attribute("class")!.Value.Contains("estimated", StringComparison.Ordinal));
        var accurate = Points(document).Single(p => p != cheap);

        // From the cheap point, right to the accurate one's cost, then up to its accuracy.
        Assert.Equal($"M {cheap.Attribute("cx")!.Value} {cheap.Attribute("cy")!.Value} H {accurate.Attribute("cx")!.Value} V {accurate.Attribute("cy")!.Value}", d);
        Assert.True(double.Parse(accurate.Attribute("cx")!.Value, System.Globalization.CultureInfo.InvariantCulture)
            > double.Parse(cheap.Attribute("cx")!.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Render_NumbersEveryPointInAKeyAndRingsTheParetoMembers()
    {
        var view = BenchmarkView.FromReport(SampleResults.Report());
        var document = XDocument.Parse(SvgChart.Render(view));

        var texts = document.Descendants(Svg + "text").Select(t => t.Value).ToList();
        var configurations = view.Summary.Configurations;
        for (var i = 0; i < configurations.Count; i++)
        {
            Assert.Contains(texts, t => t.StartsWith($"{i + 1}  {configurations[i].Key}:", StringComparison.Ordinal));
        }

        Assert.Equal(view.Summary.Pareto.Count, document.Descendants(Svg + "circle").Count(c => c.Attribute("class")?.Value == "pareto-member"));
    }

    [Fact]
    public void Render_NoSuccessfulRun_IsStillAValidChart()
    {
        var failedOnly = SampleResults.Runs.Where(r => r.Outcome == RunOutcome.Failed).ToList();
        var report = SampleResults.Report() with { Runs = failedOnly, Summary = BenchmarkSummary.From(failedOnly) };

        var document = XDocument.Parse(SvgChart.Render(BenchmarkView.FromReport(report)));

        Assert.Empty(Points(document));
        Assert.Contains(document.Descendants(Svg + "text"), t => t.Value == "no successful run to plot");
    }

    [Fact]
    public void Render_DrawsOneStandardDeviationEitherSideOfEachRepeatedConfiguration()
    {
        var view = BenchmarkView.FromReport(SampleResults.StudyReport());
        var document = XDocument.Parse(SvgChart.Render(view));

        var bars = document.Descendants(Svg + "g").Where(g => g.Attribute("class")?.Value == "error-bar").ToList();
        Assert.Equal(2, bars.Count);
        var bert = view.Summary.Configurations.Single(c => c.Key == SampleResults.Accurate);
        var bar = bars.Single(b => b.Element(Svg + "title")!.Value.StartsWith(SampleResults.Accurate, StringComparison.Ordinal));
        var point = Points(document).Single(p => p.Element(Svg + "title")!.Value.StartsWith(SampleResults.Accurate, StringComparison.Ordinal));
        var line = bar.Elements(Svg + "line").First();
        var (left, right, centre) = (X(line, "x1"), X(line, "x2"), X(point, "cx"));

        // On the log axis, mean ± sd spans log10((mean + sd) / (mean − sd)) decades: the bar's width in pixels says so.
        var decades = Math.Log10((bert.JoulesPerSample + bert.JoulesPerSampleStdDev) / (bert.JoulesPerSample - bert.JoulesPerSampleStdDev));
        Assert.True(left < centre && centre < right);
        Assert.Equal(decades, (right - left) / PixelsPerDecade(document), 2);
        Assert.Equal(X(point, "cy"), X(line, "y1"));
    }

    [Fact]
    public void Render_SingleRepetitions_HaveNoErrorBar()
    {
        var document = XDocument.Parse(SvgChart.Render(BenchmarkView.FromReport(SampleResults.Report())));

        // The estimated configuration ran twice with equal joules (sd 0), the measured one once.
        Assert.DoesNotContain(document.Descendants(Svg + "g"), g => g.Attribute("class")?.Value == "error-bar");
    }

    private static double X(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The distance between two neighbouring decade gridlines of the energy axis (they run from y 50 to 400; the first is under the y axis).</summary>
    private static double PixelsPerDecade(XDocument document)
    {
        var ticks = document.Descendants(Svg + "line")
            .Where(l => l.Attribute("y1")!.Value == "50" && l.Attribute("y2")!.Value == "400" && l.Attribute("x1")!.Value == l.Attribute("x2")!.Value)
            .Select(l => X(l, "x1")).Distinct().Order().ToList();
        return ticks[1] - ticks[0];
    }

    private static List<XElement> Points(XDocument document) =>
        document.Descendants(Svg + "circle").Where(c => c.Attribute("class")?.Value.StartsWith("configuration", StringComparison.Ordinal) == true).ToList();
}
