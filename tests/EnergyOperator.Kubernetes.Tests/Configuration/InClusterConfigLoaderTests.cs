using EnergyOperator.Kubernetes.Configuration;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Kubernetes.Transport;
using EnergyOperator.Testing;

namespace EnergyOperator.Kubernetes.Tests.Configuration;

public sealed class InClusterConfigLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sa-").FullName;

    [Fact]
    public void Load_ServiceAccountFiles_BuildServerTokenFileAndNamespace()
    {
        File.WriteAllText(Path.Combine(_root, "token"), "first\n");
        File.WriteAllText(Path.Combine(_root, "namespace"), "energy-system");

        var configuration = InClusterConfigLoader.Load(_root, Environment("10.96.0.1", "443"));

        Assert.Equal(new Uri("https://10.96.0.1:443"), configuration.Server);
        Assert.Equal(Path.Combine(_root, "token"), configuration.TokenFile);
        Assert.Equal("energy-system", configuration.Namespace);
    }

    [Fact]
    public void Load_OutsideAPod_ExplainsWhatIsMissing()
    {
        var error = Assert.Throws<KubeConfigException>(() => InClusterConfigLoader.Load(_root, _ => null));

        Assert.Contains("KUBERNETES_SERVICE_HOST", error.Message);
    }

    [Fact]
    public void Load_NoToken_NamesTheTokenPath()
    {
        var error = Assert.Throws<KubeConfigException>(() => InClusterConfigLoader.Load(_root, Environment("10.96.0.1", "443")));

        Assert.Contains(Path.Combine(_root, "token"), error.Message);
    }

    [Fact]
    public async Task FileTokenSource_AfterRotation_ReadsTheNewTokenOnceTheIntervalPasses()
    {
        var tokenFile = Path.Combine(_root, "token");
        File.WriteAllText(tokenFile, "first");
        var time = new ManualTimeProvider();
        var source = new FileTokenSource(tokenFile, TimeSpan.FromMinutes(1), time);

        Assert.Equal("first", await source.GetTokenAsync(refresh: false, default));
        File.WriteAllText(tokenFile, "second");
        Assert.Equal("first", await source.GetTokenAsync(refresh: false, default));

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("second", await source.GetTokenAsync(refresh: false, default));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Func<string, string?> Environment(string host, string port) => name => name switch
    {
        "KUBERNETES_SERVICE_HOST" => host,
        "KUBERNETES_SERVICE_PORT" => port,
        _ => null,
    };
}
