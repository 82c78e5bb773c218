using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Tests.Fixtures;

namespace EnergyOperator.Runner.Tests.Execution;

public sealed class DatasetProviderTests : IDisposable
{
    private const string InboxPath = "/data/inbox.jsonl";

    private readonly string _root = Directory.CreateTempSubdirectory("dataset-provider-tests").FullName;
    private readonly HttpClient _http = new();

    [Fact]
    public async Task FileDataset_IsSplitStratifiedWithSortedLabels()
    {
        var split = await LoadAsync(new DatasetFileSpec { Path = TestFixtures.PathOf("inbox.jsonl") });

        Assert.Equal("inbox", split.Name);
        Assert.Equal(["ham", "spam"], split.Labels);
        Assert.Equal(60, split.Train.Count + split.Test.Count);
        Assert.Equal(6, split.Test.Labels.Count(label => label == 1));
    }

    [Fact]
    public async Task MissingFile_NamesThePathField()
    {
        var error = await LoadFailsAsync(new DatasetFileSpec { Path = Path.Combine(_root, "absent.jsonl") });

        Assert.Equal("spec.dataset.file.path", error.Field);
        Assert.Contains("absent.jsonl", error.Message);
    }

    [Fact]
    public async Task FileWithoutTheLabelField_NamesThePathFieldAndTheMissingField()
    {
        var path = Write("unlabelled.jsonl", """{"text": "hello", "category": "spam"}""");

        var error = await LoadFailsAsync(new DatasetFileSpec { Path = path });

        Assert.Equal("spec.dataset.file.path", error.Field);
        Assert.Contains("'label'", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task EmptyFile_NamesThePathField()
    {
        var path = Write("empty.jsonl", "");

        var error = await LoadFailsAsync(new DatasetFileSpec { Path = path });

        Assert.Equal("spec.dataset.file.path", error.Field);
        Assert.Contains("no samples", error.Message);
    }

    [Fact]
    public async Task SplitWithoutTestSamples_NamesTheTestFractionField()
    {
        // One sample per label: the stratified split keeps each on the training side.
        var path = Write("tiny.jsonl", "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\", \"label\": \"y\"}\n");

        var error = await Assert.ThrowsAsync<BenchmarkInputException>(() => LoadAsync(new DatasetSpec { File = new() { Path = path } }));

        Assert.Equal("spec.dataset.testFraction", error.Field);
        Assert.Contains("no test samples", error.Message);
    }

    [Fact]
    public async Task LabelsTheDataDoesNotHave_NameTheLabelsField()
    {
        var error = await Assert.ThrowsAsync<BenchmarkInputException>(() => LoadAsync(
            new DatasetSpec { File = new DatasetFileSpec { Path = TestFixtures.PathOf("inbox.jsonl") }, Labels = ["ham", "eggs"] }));

        Assert.Equal("spec.dataset.labels", error.Field);
    }

    [Fact]
    public async Task UrlDataset_IsDownloadedOnceIntoTheCacheAndKeepsItsName()
    {
        await using var server = new LoopbackFileServer(new Dictionary<string, byte[]> { [InboxPath] = File.ReadAllBytes(TestFixtures.PathOf("inbox.jsonl")) });
        var file = new DatasetFileSpec { Url = server.BaseUrl + InboxPath };

        var first = await LoadAsync(file);
        var second = await LoadAsync(file);

        Assert.Equal(1, server.RequestsFor(InboxPath));
        Assert.Equal("inbox", first.Name);
        Assert.Equal(first.Test.Texts, second.Test.Texts);
        Assert.Equal(60, first.Train.Count + first.Test.Count);
    }

    [Fact]
    public async Task UrlThatIsNotFound_NamesTheUrlFieldAndTheStatus()
    {
        await using var server = new LoopbackFileServer(new Dictionary<string, byte[]>());
        var url = server.BaseUrl + "/data/missing.jsonl";

        var error = await LoadFailsAsync(new DatasetFileSpec { Url = url });

        Assert.Equal("spec.dataset.file.url", error.Field);
        Assert.Contains(url, error.Message);
        Assert.Contains("HTTP 404", error.Message);
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private Task<DatasetSplit> LoadAsync(DatasetFileSpec file) => LoadAsync(new DatasetSpec { File = file });

    private Task<DatasetSplit> LoadAsync(DatasetSpec spec) =>
        new DatasetProvider(new RunnerOptions { CacheDirectory = _root }, new RemoteFileCache(_root, _http)).LoadAsync(spec, CancellationToken.None);

    private Task<BenchmarkInputException> LoadFailsAsync(DatasetFileSpec file) => Assert.ThrowsAsync<BenchmarkInputException>(() => LoadAsync(file));

    private string Write(string name, string content)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, content);
        return path;
    }
}
