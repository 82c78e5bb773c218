using System.Globalization;
using System.Text;
using EnergyOperator.Cli.Reports;

namespace EnergyOperator.Cli.Tests.Reports;

public sealed class CsvReportTests
{
    [Fact]
    public void Render_ParsesBackToOneRowPerRun_WithQuotedFieldsIntact()
    {
        var csv = CsvReport.Render(BenchmarkView.FromReport(SampleResults.Report()));

        var rows = Parse(csv);
        var header = rows[0];
        Assert.Equal(SampleResults.Runs.Count + 1, rows.Count);
        Assert.All(rows, row => Assert.Equal(header.Count, row.Count));
        Assert.Contains("estimated", header);
        var records = rows.Skip(1).Select(row => header.Zip(row).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(SampleResults.Runs.Select(r => r.Name), records.Select(r => r["run"]));
        Assert.Equal("true", records[0]["estimated"]);
        Assert.Equal("false", records[2]["estimated"]);
        Assert.Equal(0.97, double.Parse(records[2]["accuracy"], CultureInfo.InvariantCulture));
        Assert.Equal(0.05, double.Parse(records[2]["joulesPerSample"], CultureInfo.InvariantCulture));
        Assert.Equal("OOM, \"killed\" | exit 137", records[3]["message"]);
        Assert.Equal("", records[3]["joules"]);
    }

    [Fact]
    public void Render_EndsEveryRecordWithCrLf()
    {
        var csv = CsvReport.Render(BenchmarkView.FromReport(SampleResults.Report()));

        Assert.EndsWith("\r\n", csv);
        Assert.DoesNotContain("\n", csv.Replace("\r\n", "", StringComparison.Ordinal));
    }

    /// <summary>An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> Parse(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && csv[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }
}
