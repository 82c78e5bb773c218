using System.Text;
using System.Text.Json;
using EnergyOperator.Runner.Data;

namespace EnergyOperator.Runner.Tests.Data;

public sealed class SpamAssassinCorpusTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("spam-assassin-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task LoadAsync_FakeTree_LabelsGroupsAndDecodesUtf8AndLatin1()
    {
        string root = CreateCorpus(
            ("easy-ham-2/1.txt", Encoding.UTF8.GetBytes("caf\u00E9 au lait")),
            ("spam-1/2.txt", [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'!']),
            ("hard-ham-1/3.txt", "plain ascii"u8.ToArray()),
            ("spam-2/4.txt", "buy"u8.ToArray()),
            ("easy-ham-1/5.txt", "hello"u8.ToArray()));

        var dataset = await SpamAssassinCorpus.LoadAsync(root);

        Assert.Equal(SpamAssassinCorpus.DatasetName, dataset.Name);
        Assert.Equal(["ham", "spam"], dataset.Labels);
        Assert.Equal(
            [new("caf\u00E9 au lait", "ham"), new("caf\u00E9!", "spam"), new("plain ascii", "ham"), new("buy", "spam"), new LabeledText("hello", "ham")],
            dataset.Samples);
    }

    [Fact]
    public async Task LoadAsync_UnknownGroup_NamesFileListAndEntry()
    {
        string root = CreateCorpus(("medium-ham/1.txt", "x"u8.ToArray()));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SpamAssassinCorpus.LoadAsync(root));

        Assert.Contains(Path.Combine(root, "file_list.json"), error.Message);
        Assert.Contains("'medium-ham/1.txt'", error.Message);
    }

    [Fact]
    public async Task LoadAsync_ListedFileMissing_NamesItAndBootstrap()
    {
        string root = CreateCorpus(("spam-1/1.txt", "x"u8.ToArray()));
        File.Delete(Path.Combine(root, "spam-1", "1.txt"));

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => SpamAssassinCorpus.LoadAsync(root));

        Assert.Contains(Path.Combine(root, "spam-1", "1.txt"), error.Message);
        Assert.Contains("scripts/bootstrap.sh", error.Message);
    }

    [Fact]
    public void ResolveRoot_ExplicitPath_WinsOverEnvironmentAndSearch()
    {
        string root = CreateCorpus(("spam-1/1.txt", "x"u8.ToArray()));

        Assert.Equal(root, SpamAssassinCorpus.ResolveRoot(root, "/nonexistent", ["/"]));
    }

    [Fact]
    public void ResolveRoot_DatasetsDirectory_UsesItsSpamAssassinFolder()
    {
        string root = CreateCorpusIn(Path.Combine("datasets", SpamAssassinCorpus.DatasetName), ("spam-1/1.txt", "x"u8.ToArray()));

        Assert.Equal(root, SpamAssassinCorpus.ResolveRoot(null, Path.Combine(_directory, "datasets"), []));
    }

    [Fact]
    public void ResolveRoot_ConfiguredFolderWithoutFileList_Throws()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => SpamAssassinCorpus.ResolveRoot(null, _directory, []));

        Assert.Contains(SpamAssassinCorpus.DatasetsDirectoryVariable, error.Message);
        Assert.Contains("file_list.json", error.Message);
    }

    [Fact]
    public void ResolveRoot_NothingConfigured_SearchesUpwardForThePackage()
    {
        string root = CreateCorpusIn(SpamAssassinCorpus.PackageDataPath, ("spam-1/1.txt", "x"u8.ToArray()));
        string start = Directory.CreateDirectory(Path.Combine(_directory, "runner", "bin", "Debug")).FullName;

        Assert.Equal(root, SpamAssassinCorpus.ResolveRoot(null, null, [Path.Combine(_directory, "elsewhere"), start]));
    }

    [Fact]
    public void ResolveRoot_NotFound_NamesBootstrapAndVariable()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => SpamAssassinCorpus.ResolveRoot(null, null, [_directory]));

        Assert.Contains("scripts/bootstrap.sh", error.Message);
        Assert.Contains(SpamAssassinCorpus.DatasetsDirectoryVariable, error.Message);
    }

    [Fact]
    public async Task LoadAsync_RealCorpus_HasEveryListedMessage()
    {
        string root = SpamAssassinCorpus.ResolveRoot(null, null, [AppContext.BaseDirectory]);
        string[] files = JsonSerializer.Deserialize<string[]>(await File.ReadAllTextAsync(Path.Combine(root, "file_list.json")))!;
        int expectedSpam = files.Count(file => file.StartsWith("spam-", StringComparison.Ordinal));

        var dataset = await SpamAssassinCorpus.LoadAsync(root);

        Assert.Equal(files.Length, dataset.Samples.Count);
        Assert.InRange(files.Length, 6_000, 6_100);
        Assert.Equal(expectedSpam, dataset.Samples.Count(sample => sample.Label == "spam"));
        Assert.Equal(files.Length - expectedSpam, dataset.Samples.Count(sample => sample.Label == "ham"));
        Assert.All(dataset.Samples, sample => Assert.False(string.IsNullOrWhiteSpace(sample.Text)));
    }

    private string CreateCorpus(params (string File, byte[] Content)[] files) => CreateCorpusIn("corpus", files);

    private string CreateCorpusIn(string folder, params (string File, byte[] Content)[] files)
    {
        string root = Path.Combine(_directory, folder);
        foreach (var (file, content) in files)
        {
            string path = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
        }

        File.WriteAllText(Path.Combine(root, "file_list.json"), JsonSerializer.Serialize(files.Select(file => file.File).ToArray()));
        return root;
    }
}
