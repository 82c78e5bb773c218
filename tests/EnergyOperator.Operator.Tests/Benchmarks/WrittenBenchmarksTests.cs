using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Controllers;
using EnergyOperator.Operator.Benchmarks;
using k8s.Models;

namespace EnergyOperator.Operator.Tests.Benchmarks;

public sealed class WrittenBenchmarksTests
{
    private static readonly ObjectKey Key = new("bench", "spam");

    [Fact]
    public void Newest_CacheLagsBehindTwoWrites_ReturnsTheLastWriteUntilTheCacheShowsIt()
    {
        var written = new WrittenBenchmarks();
        written.Remember(Key, Version("1"), Version("2"));
        written.Remember(Key, Version("2"), Version("3"));

        Assert.Equal("3", Newest(written, "1"));
        Assert.Equal("3", Newest(written, "2"));
        Assert.Equal("3", Newest(written, "3"));

        // Caught up: the entry is gone, and the cache is trusted from now on.
        Assert.Equal("1", Newest(written, "1"));
    }

    [Fact]
    public void Newest_CacheMovedPastTheWrite_ReturnsTheCache()
    {
        var written = new WrittenBenchmarks();
        written.Remember(Key, Version("1"), Version("2"));

        Assert.Equal("7", Newest(written, "7"));
    }

    [Fact]
    public void Newest_BenchmarkRecreatedUnderTheSameName_ReturnsTheCache()
    {
        var written = new WrittenBenchmarks();
        written.Remember(Key, Version("1"), Version("2"));

        Assert.Equal("1", written.Newest(Key, Version("1", uid: "other")).Metadata.ResourceVersion);
    }

    private static string? Newest(WrittenBenchmarks written, string cachedVersion) =>
        written.Newest(Key, Version(cachedVersion)).Metadata.ResourceVersion;

    private static EnergyBenchmark Version(string resourceVersion, string uid = "u1") => new()
    {
        Metadata = new V1ObjectMeta { Name = Key.Name, NamespaceProperty = Key.Namespace, Uid = uid, ResourceVersion = resourceVersion },
        Spec = new EnergyBenchmarkSpec(),
    };
}
