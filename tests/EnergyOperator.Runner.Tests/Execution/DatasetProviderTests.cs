using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Tests.Fixtures;

namespace EnergyOperator.Runner.Tests.Execution;

public sealed class DatasetProviderTests : IDisposable
{
    private const string InboxPath = "/data/inbox.jsonl";
    private const long MaxDownloadBytes = 1024 * 1024;

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

    [Fact]
    public async Task DirectoryAsPath_IsNamedAsADirectory()
    {
        var error = await LoadFailsAsync(new DatasetFileSpec { Path = _root });

        Assert.Equal("spec.dataset.file.path", error.Field);
        Assert.Contains("is a directory", error.Message);
    }

    [Fact]
    public async Task EndlessDevice_StopsAtTheSizeCap()
    {
        var error = await Assert.ThrowsAsync<BenchmarkInputException>(() => new DatasetProvider(new RunnerOptions { CacheDirectory = _root }, new RemoteFileCache(_root, MaxDownloadBytes, _http))
            .LoadAsync(new DatasetSpec { File = new() { Path = "/dev/zero" } }, CancellationToken.None));

        Assert.Equal("spec.dataset.file.path", error.Field);
        Assert.Contains("larger than", error.Message);
    }

    [Theory]
    [InlineData(DatasetFormat.Jsonl, "{\"text\": \"cafe\", \"label\": \"ham\"}\n{\"text\": \"x\", \"label\": \"sp\u00e4m\"}\n", "line 2")]
    [InlineData(DatasetFormat.Csv, "text,label\nx,ham\ny,sp\u00e4m\n", "line 3")]
    public async Task Latin1File_IsRejectedAsNotUtf8(DatasetFormat format, string content, string line)
    {
        var path = Path.Combine(_root, "latin1." + format.ToString().ToLowerInvariant());
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(content));

        var error = await LoadFailsAsync(new DatasetFileSpec { Path = path, Format = format });

        Assert.Contains($"{line}: is not UTF-8", error.Message);
    }

    [Fact]
    public async Task CsvPointedAtAnotherFile_NeverEchoesItsFirstLine()
    {
        var path = Write("token", "eyJhbGciOiJSUzI1NiIsImtpZCI6InNlY3JldCJ9.payload.signature");

        var error = await LoadFailsAsync(new DatasetFileSpec { Path = path, Format = DatasetFormat.Csv });

        Assert.Contains("no 'text'", error.Message);
        Assert.DoesNotContain("eyJ", error.Message);
    }

    [Fact]
    public async Task UrlWithCredentials_IsRedactedInErrors()
    {
        await using var server = new LoopbackFileServer(new Dictionary<string, byte[]>());
        var url = server.BaseUrl.Replace("http://", "http://alice:hunter2@") + "/data/missing.jsonl?X-Amz-Signature=s3cr3t";

        var error = await LoadFailsAsync(new DatasetFileSpec { Url = url });

        Assert.Contains("HTTP 404", error.Message);
        Assert.Contains("***@127.0.0.1", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.DoesNotContain("s3cr3t", error.Message);
    }

    [Fact]
    public async Task DownloadLargerThanTheCap_FailsAndLeavesNothing()
    {
        await using var server = new LoopbackFileServer(new Dictionary<string, byte[]> { ["/big.jsonl"] = new byte[MaxDownloadBytes + 1] });

        var error = await LoadFailsAsync(new DatasetFileSpec { Url = server.BaseUrl + "/big.jsonl" });

        Assert.Contains("larger than", error.Message);
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task UrlWithAFileNameBeyond255Characters_IsDownloadedUnderAShortenedName()
    {
        var longPath = "/" + new string('a', 300) + ".jsonl";
        await using var server = new LoopbackFileServer(new Dictionary<string, byte[]> { [longPath] = File.ReadAllBytes(TestFixtures.PathOf("inbox.jsonl")) });

        var split = await LoadAsync(new DatasetFileSpec { Url = server.BaseUrl + longPath });

        Assert.Equal(60, split.Train.Count + split.Test.Count);
        Assert.Equal(new string('a', 94), split.Name);
    }

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private Task<DatasetSplit> LoadAsync(DatasetFileSpec file) => LoadAsync(new DatasetSpec { File = file });

    private Task<DatasetSplit> LoadAsync(DatasetSpec spec) =>
        new DatasetProvider(new RunnerOptions { CacheDirectory = _root }, new RemoteFileCache(_root, MaxDownloadBytes, _http)).LoadAsync(spec, CancellationToken.None);

    private Task<BenchmarkInputException> LoadFailsAsync(DatasetFileSpec file) => Assert.ThrowsAsync<BenchmarkInputException>(() => LoadAsync(file));

    private string Write(string name, string content)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, content);
        return path;
    }
}
