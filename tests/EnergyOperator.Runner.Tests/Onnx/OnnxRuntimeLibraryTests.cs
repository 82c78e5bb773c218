using EnergyOperator.Runner.Onnx;

namespace EnergyOperator.Runner.Tests.Onnx;

public sealed class OnnxRuntimeLibraryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ort-library-tests").FullName;

    [Fact]
    public void ResolvePath_ExplicitPathThatDoesNotExist_NamesThePathAndTheRemedy()
    {
        var missing = Path.Combine(_directory, "nowhere", "libonnxruntime.so");

        var error = Assert.Throws<OnnxRuntimeSetupException>(() => OnnxRuntimeLibrary.ResolvePath(missing, environmentValue: null, _directory));

        Assert.Contains(missing, error.Message);
        Assert.Contains(OnnxRuntimeLibrary.EnvironmentVariable, error.Message);
        Assert.Contains("OnnxRuntimeFlavor=cuda", error.Message);
    }

    [Fact]
    public void ResolvePath_NothingConfiguredAndNoLibraryBesideTheApp_NamesTheEnvironmentVariable()
    {
        var error = Assert.Throws<OnnxRuntimeSetupException>(() => OnnxRuntimeLibrary.ResolvePath(explicitPath: null, environmentValue: null, _directory));

        Assert.Contains($"{OnnxRuntimeLibrary.EnvironmentVariable} is not set", error.Message);
    }

    [Fact]
    public void ResolvePath_ExplicitPathWinsOverTheEnvironmentVariable()
    {
        var explicitPath = Path.Combine(_directory, "explicit.so");
        File.WriteAllBytes(explicitPath, [0]);

        var (path, source) = OnnxRuntimeLibrary.ResolvePath(explicitPath, Path.Combine(_directory, "other.so"), _directory);

        Assert.Equal(explicitPath, path);
        Assert.Contains("configured library path", source);
    }

    [Fact]
    public void ResolvePath_NothingConfigured_TakesTheLibraryBesideTheApp()
    {
        var (path, source) = OnnxRuntimeLibrary.ResolvePath(explicitPath: null, environmentValue: null, AppContext.BaseDirectory);

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, OnnxRuntimeLibrary.FileName), path);
        Assert.Equal("the application directory", source);
    }

    [Fact]
    public void Load_TheBuildsCopy_ReportsTheCpuPackagesVersionAndNoCuda()
    {
        var loaded = OnnxRuntimeLibrary.Load(explicitPath: null);

        Assert.Equal("1.31.1", loaded.Version);
        Assert.Contains("CPUExecutionProvider", loaded.Providers);
        Assert.False(loaded.HasCuda);
        Assert.Same(loaded, OnnxRuntimeLibrary.Load(explicitPath: null));
    }

    [Fact]
    public void Load_AnotherLibraryAfterOneIsLoaded_SaysOneProcessLoadsOneOnnxRuntime()
    {
        OnnxRuntimeLibrary.Load(explicitPath: null);
        var other = Path.Combine(_directory, "libonnxruntime.so");
        File.WriteAllBytes(other, [1, 2, 3]);

        var error = Assert.Throws<OnnxRuntimeSetupException>(() => OnnxRuntimeLibrary.Load(other));

        Assert.Contains("already loaded", error.Message);
        Assert.Contains(other, error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
