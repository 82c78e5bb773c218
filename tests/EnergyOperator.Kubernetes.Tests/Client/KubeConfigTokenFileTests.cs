using EnergyOperator.Kubernetes.Configuration;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Kubernetes.Transport;
using EnergyOperator.Testing;
using k8s.Exceptions;

namespace EnergyOperator.Kubernetes.Tests.Client;

/// <summary>
/// A kubeconfig user with <c>tokenFile:</c> (client-go reads it; the library ignores it), against the double, which
/// answers 401 to any other bearer token.
/// </summary>
public sealed class KubeConfigTokenFileTests : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("tokenfile-");
    private ApiServerDouble _server = null!;

    private string TokenPath => Path.Combine(_work.FullName, "token");

    public async Task InitializeAsync() => _server = await ApiServerDouble.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _work.Delete(recursive: true);
    }

    [Fact]
    public async Task TokenFile_RelativeToTheKubeConfig_IsSentAsTheBearerToken()
    {
        await File.WriteAllTextAsync(TokenPath, "file-token\n");
        _server.RequiredToken = "file-token";

        using var client = new KubernetesClient(ClientConfigurationLoader.Load(await WriteKubeConfigAsync("{ tokenFile: token }")));
        var list = await client.Namespaced(KubernetesResources.EnergyBenchmarks, "default").ListAsync();

        Assert.Empty(list.Items);
    }

    [Fact]
    public async Task TokenFile_Rewritten_TheNextRequestCarriesTheNewToken()
    {
        await File.WriteAllTextAsync(TokenPath, "first-token");
        _server.RequiredToken = "first-token";
        using var client = new KubernetesClient(ClientConfigurationLoader.Load(await WriteKubeConfigAsync($"{{ tokenFile: {TokenPath} }}")));
        var benchmarks = client.Namespaced(KubernetesResources.EnergyBenchmarks, "default");
        await benchmarks.ListAsync();

        await File.WriteAllTextAsync(TokenPath, "rotated-token");
        // A later modification time whatever the file system's resolution.
        File.SetLastWriteTimeUtc(TokenPath, DateTime.UtcNow.AddSeconds(5));
        _server.RequiredToken = "rotated-token";
        await benchmarks.ListAsync();

        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task TokenFile_AlongsideAToken_TheTokenWins()
    {
        await File.WriteAllTextAsync(TokenPath, "file-token");
        _server.RequiredToken = "inline-token";

        using var client = new KubernetesClient(ClientConfigurationLoader.Load(await WriteKubeConfigAsync($"{{ token: inline-token, tokenFile: {TokenPath} }}")));
        await client.Namespaced(KubernetesResources.EnergyBenchmarks, "default").ListAsync();

        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task TokenFile_Missing_FailsNamingTheFile()
    {
        var kubeConfig = await WriteKubeConfigAsync($"{{ tokenFile: {TokenPath} }}");

        var error = Assert.Throws<KubeConfigException>(() => ClientConfigurationLoader.Load(kubeConfig));

        Assert.Contains($"tokenFile '{TokenPath}'", error.Message);
        Assert.Contains("user 'tester'", error.Message);
    }

    [Fact]
    public async Task TokenFile_ChangedWithTheSameTimestamp_IsReadAgainAfterAMinute()
    {
        var time = new ManualTimeProvider();
        await File.WriteAllTextAsync(TokenPath, "first-token");
        var provider = new TokenFileProvider(TokenPath, time);
        var written = File.GetLastWriteTimeUtc(TokenPath);
        await File.WriteAllTextAsync(TokenPath, "rotated-token");
        File.SetLastWriteTimeUtc(TokenPath, written);

        var before = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        var after = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        Assert.Equal("first-token", before.Parameter);
        Assert.Equal("rotated-token", after.Parameter);
    }

    [Fact]
    public async Task TokenFile_GoneAfterStart_KeepsTheTokenReadLast()
    {
        var time = new ManualTimeProvider();
        await File.WriteAllTextAsync(TokenPath, "first-token");
        var provider = new TokenFileProvider(TokenPath, time);
        File.Delete(TokenPath);
        time.Advance(TimeSpan.FromMinutes(2));

        var header = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        Assert.Equal("Bearer", header.Scheme);
        Assert.Equal("first-token", header.Parameter);
    }

    private Task<string> WriteKubeConfigAsync(string user) => _server.WriteKubeConfigAsync(Path.Combine(_work.FullName, "kubeconfig"), user: user);
}
