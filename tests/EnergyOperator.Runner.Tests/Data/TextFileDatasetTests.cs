using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Tests.Fixtures;

namespace EnergyOperator.Runner.Tests.Data;

public sealed class TextFileDatasetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("textfile-dataset-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task LoadAsync_JsonlFixture_ReadsSamplesInOrderAndSkipsBlankLines()
    {
        var dataset = await TextFileDataset.LoadAsync(new TextFileOptions { Path = TestFixtures.PathOf("reviews.jsonl"), Format = DatasetFormat.Jsonl });

        Assert.Equal("reviews", dataset.Name);
        Assert.Equal(["negative", "positive"], dataset.Labels);
        Assert.Equal(
            [
                new LabeledText("Great phone, works well.", "positive"),
                new LabeledText("Broke after a day \u2014 \"never again\".", "negative"),
                new LabeledText("Does what it says.", "positive"),
            ],
            dataset.Samples);
    }

    [Fact]
    public async Task LoadAsync_CsvFixture_HandlesQuotesDoubledQuotesAndLineBreaks()
    {
        var dataset = await TextFileDataset.LoadAsync(new TextFileOptions { Path = TestFixtures.PathOf("reviews.csv"), Format = DatasetFormat.Csv });

        Assert.Equal(
            [
                new LabeledText("Great phone, works well.", "positive"),
                new LabeledText("She said \"never again\"\r\nand meant it.", "negative"),
                new LabeledText("Does what it says.", "positive"),
            ],
            dataset.Samples);
    }

    [Fact]
    public async Task LoadAsync_JsonlWithCustomFieldsAndNumericLabels_ConvertsLabelsToStrings()
    {
        string path = Write("custom.jsonl", """{"body": "a", "class": 1}""", """{"body": "b", "class": 0}""", """{"body": "c", "class": 1.5}""");

        var dataset = await TextFileDataset.LoadAsync(new TextFileOptions { Path = path, Format = DatasetFormat.Jsonl, TextField = "body", LabelField = "class" });

        Assert.Equal(["0", "1", "1.5"], dataset.Labels);
        Assert.Equal(["1", "0", "1.5"], dataset.Samples.Select(sample => sample.Label));
    }

    [Fact]
    public async Task LoadAsync_CsvWithCustomColumns_UsesThem()
    {
        string path = Write("custom.csv", "class,body", "spam,buy now", "ham,see you");

        var dataset = await TextFileDataset.LoadAsync(new TextFileOptions { Path = path, Format = DatasetFormat.Csv, TextField = "body", LabelField = "class" });

        Assert.Equal([new LabeledText("buy now", "spam"), new LabeledText("see you", "ham")], dataset.Samples);
    }

    [Theory]
    [InlineData("""{"text": "a"}""", "line 2", "field 'label' is missing", "LabelField")]
    [InlineData("""{"label": "x"}""", "line 2", "field 'text' is missing", "TextField")]
    [InlineData("""{"text": 5, "label": "x"}""", "line 2", "field 'text' is Number, not a string", "text field")]
    [InlineData("""{"text": "a", "label": true}""", "line 2", "field 'label' is True", "string or a number")]
    [InlineData("""{"text": "a", "label": ""}""", "line 2", "field 'label' is empty", "needs a label")]
    [InlineData("""{"text": "a", """, "line 2", "not valid JSON", "one JSON object")]
    [InlineData("""["a", "x"]""", "line 2", "expected a JSON object but found Array", "one object")]
    public async Task LoadAsync_BadJsonlLine_NamesFileLineFieldAndFix(string badLine, string line, string problem, string fix)
    {
        string path = Write("bad.jsonl", """{"text": "fine", "label": "x"}""", badLine);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => TextFileDataset.LoadAsync(new TextFileOptions { Path = path, Format = DatasetFormat.Jsonl }));

        Assert.Equal($"{path}, {line}", error.Message[..(path.Length + line.Length + 2)]);
        Assert.Contains(problem, error.Message);
        Assert.Contains(fix, error.Message);
    }

    [Theory]
    [InlineData("body,label\nhi,x", "line 1", "the header row's 2 column(s) include no 'text'")]
    [InlineData("text,label\n\"two\nlines\",x\nhi,x,extra", "line 4", "3 fields where the header has 2")]
    [InlineData("text,label\nhi,x\n\"never closed,x\n", "line 3", "never closed")]
    [InlineData("text,label\n\"quoted\"tail,x", "line 2", "text follows a closing quote")]
    [InlineData("text,label\nhi,", "line 2", "column 'label' is empty")]
    public async Task LoadAsync_BadCsv_NamesFileLineAndProblem(string content, string line, string problem)
    {
        string path = Path.Combine(_directory, "bad.csv");
        await File.WriteAllTextAsync(path, content);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => TextFileDataset.LoadAsync(new TextFileOptions { Path = path, Format = DatasetFormat.Csv }));

        Assert.StartsWith($"{path}, {line}: ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Theory]
    [InlineData(DatasetFormat.Jsonl, "\n  \n")]
    [InlineData(DatasetFormat.Csv, "text,label\r\n")]
    public async Task LoadAsync_NoSamples_SaysSo(DatasetFormat format, string content)
    {
        string path = Path.Combine(_directory, "empty.data");
        await File.WriteAllTextAsync(path, content);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => TextFileDataset.LoadAsync(new TextFileOptions { Path = path, Format = format }));

        Assert.Contains(path, error.Message);
        Assert.Contains("holds no samples", error.Message);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_NamesIt()
    {
        string path = Path.Combine(_directory, "absent.jsonl");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => TextFileDataset.LoadAsync(new TextFileOptions { Path = path, Format = DatasetFormat.Jsonl }));

        Assert.Contains(path, error.Message);
    }

    private string Write(string name, params string[] lines)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
