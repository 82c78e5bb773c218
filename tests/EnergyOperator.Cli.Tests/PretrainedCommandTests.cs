using EnergyOperator.Testing;

namespace EnergyOperator.Cli.Tests;

/// <summary><c>energyctl pretrained</c>, the real binary: the encoder files a fine-tuning script starts from.</summary>
public sealed class PretrainedCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("energyctl-pretrained-");

    [Fact]
    public async Task Pretrained_WritesTheEncodersOnnxGraphAndVocabulary()
    {
        var (exit, output, error) = await EnergyctlProcess.RunAsync(_work.FullName, "pretrained", "all-minilm-l6-v2", "--out", _work.FullName);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Contains("sentence-transformers/all-MiniLM-L6-v2", output);
        Assert.True(new FileInfo(Path.Combine(_work.FullName, "model.onnx")).Length > 50_000_000);
        Assert.Equal("[PAD]", File.ReadLines(Path.Combine(_work.FullName, "vocab.txt")).First());
    }

    [Fact]
    public async Task Pretrained_UnknownName_ExitsTwoListingTheChoices()
    {
        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "pretrained", "bert-large", "--out", _work.FullName);

        Assert.Equal(2, exit);
        Assert.Contains("snowflake-arctic-embed-xs", error);
    }

    public void Dispose() => _work.Delete(recursive: true);
}
