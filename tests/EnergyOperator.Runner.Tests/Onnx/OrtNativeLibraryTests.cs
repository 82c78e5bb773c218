using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Onnx.Native;

namespace EnergyOperator.Runner.Tests.Onnx;

public sealed class OrtNativeLibraryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ort-library-tests").FullName;

    [Fact]
    public void ExplicitPathThatDoesNotExist_NamesThePathAndTheRemedy()
    {
        var missing = Path.Combine(_directory, "nowhere", "libonnxruntime.so.1");

        var error = Assert.Throws<OrtException>(() => OrtNativeLibrary.Load(missing, environmentValue: null, _directory));

        Assert.Equal(OrtErrorCode.NoSuchFile, error.ErrorCode);
        Assert.Contains(missing, error.Message);
        Assert.Contains("scripts/bootstrap.sh", error.Message);
    }

    [Fact]
    public void NothingConfiguredAndNoLibraryBesideTheApp_NamesTheEnvironmentVariableAndBootstrap()
    {
        var error = Assert.Throws<OrtException>(() => OrtNativeLibrary.Load(explicitPath: null, environmentValue: null, _directory));

        Assert.Contains(OrtEnvironment.LibraryEnvironmentVariable, error.Message);
        Assert.Contains("scripts/bootstrap.sh", error.Message);
    }

    [Fact]
    public void EnvironmentVariablePointingAtANonLibrary_SaysItIsNotALoadableLibrary()
    {
        var garbage = Path.Combine(_directory, "libonnxruntime.so.1");
        File.WriteAllBytes(garbage, [1, 2, 3, 4, 5, 6, 7, 8]);

        var error = Assert.Throws<OrtException>(() => OrtNativeLibrary.Load(explicitPath: null, garbage, AppContext.BaseDirectory));

        Assert.Contains(garbage, error.Message);
        Assert.Contains(OrtEnvironment.LibraryEnvironmentVariable, error.Message);
        Assert.Contains("not a loadable shared library", error.Message);
    }

    [Fact]
    public void ExplicitPathWinsOverTheEnvironmentVariable()
    {
        var explicitPath = Path.Combine(_directory, "explicit.so");
        File.WriteAllBytes(explicitPath, [0]);

        var (path, source) = OrtNativeLibrary.ResolvePath(explicitPath, Path.Combine(_directory, "other.so"), _directory);

        Assert.Equal(explicitPath, path);
        Assert.Contains("configured library path", source);
    }

    [Fact]
    public void SharedEnvironment_ReportsTheBootstrappedLibraryVersionAndCpuProvider()
    {
        var environment = OrtEnvironment.Shared;

        Assert.Equal("1.30.0", environment.Version);
        Assert.Equal(30u, environment.ApiVersion);
        Assert.Contains("CPUExecutionProvider", environment.AvailableProviders);
        Assert.True(File.Exists(environment.LibraryPath));
    }

    [Fact]
    public void InitializeWithOtherOptionsAfterTheEnvironmentExists_Throws()
    {
        _ = OrtEnvironment.Shared;

        var error = Assert.Throws<InvalidOperationException>(
            () => OrtEnvironment.Initialize(new OrtEnvironmentOptions { LogId = "someone-else" }));

        Assert.Contains("one environment per process", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
