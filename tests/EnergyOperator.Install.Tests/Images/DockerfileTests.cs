using System.Text.RegularExpressions;

namespace EnergyOperator.Install.Tests.Images;

/// <summary>Runs only when the project the image publishes is in the checkout (the meter sidecar lands separately).</summary>
public sealed class ProjectFactAttribute : FactAttribute
{
    public ProjectFactAttribute(string project)
    {
        if (!File.Exists(Repository.PathOf(project)))
        {
            Skip = $"{project} is not in this checkout.";
        }
    }
}

public sealed partial class DockerfileTests
{
    private const string MeterProject = "meter-sidecar/EnergyOperator.MeterSidecar/EnergyOperator.MeterSidecar.csproj";

    public static TheoryData<string> NonRootImages => ["operator/Dockerfile", "runner/Dockerfile", "runner/Dockerfile.cuda"];

    public static TheoryData<string> AllImages => [.. NonRootImages, "meter-sidecar/Dockerfile"];

    [Theory]
    [MemberData(nameof(NonRootImages))]
    public void Image_PublishesItsProjectAndStartsItsBinary(string dockerfile) => AssertPublishesAndStarts(Dockerfile.Read(dockerfile));

    [ProjectFact(MeterProject)]
    public void MeterImage_PublishesItsProjectAndStartsItsBinary()
    {
        var meter = Dockerfile.Read("meter-sidecar/Dockerfile");

        Assert.Equal(MeterProject, meter.PublishedProject);
        AssertPublishesAndStarts(meter);
    }

    [Theory]
    [MemberData(nameof(AllImages))]
    public void BaseImages_ArePinnedByTag(string dockerfile)
    {
        var images = Dockerfile.Read(dockerfile).Arguments("FROM").Select(f => f.Split(' ')[0]).ToList();

        Assert.NotEmpty(images);
        Assert.All(images, image => Assert.Matches(PinnedImage(), image));
        Assert.Contains("mcr.microsoft.com/dotnet/sdk:10.0", images);
    }

    [Theory]
    [MemberData(nameof(NonRootImages))]
    public void Image_RunsAsANonRootUser(string dockerfile)
    {
        var user = Dockerfile.Read(dockerfile).Arguments("USER").Last();

        Assert.DoesNotMatch("^(0|root)(:|$)", user);
    }

    [Fact]
    public void MeterImage_RunsAsRootAndSaysWhy()
    {
        var user = Assert.Single(Dockerfile.Read("meter-sidecar/Dockerfile").Instructions, i => i.Name == "USER");

        Assert.Matches("^(0|root)(:|$)", user.Arguments);
        Assert.Contains("RAPL", user.Comment);
    }

    [Fact]
    public void CudaRunner_PublishesTheGpuFlavorOfOnnxRuntimeFromNuGetOnACuda13Base()
    {
        var cuda = Dockerfile.Read("runner/Dockerfile.cuda");

        Assert.Contains("-p:OnnxRuntimeFlavor=cuda", cuda.PublishCommandLine);
        Assert.DoesNotContain(cuda.Arguments("RUN"), r => r.Contains("curl", StringComparison.Ordinal) || r.Contains("wget", StringComparison.Ordinal));
        Assert.Matches(@"^nvidia/cuda:13\.[0-9.]+-cudnn-runtime-ubuntu24\.04$", cuda.Arguments("FROM").Last());
    }

    [Fact]
    public void CpuRunner_PublishesTheDefaultCpuFlavor()
    {
        Assert.DoesNotContain("OnnxRuntimeFlavor", Dockerfile.Read("runner/Dockerfile").PublishCommandLine);
    }

    [Fact]
    public void RunnerImages_CarryIcuForTokenization()
    {
        Assert.EndsWith("-chiseled-extra", Dockerfile.Read("runner/Dockerfile").Arguments("FROM").Last());
        Assert.Contains(Dockerfile.Read("runner/Dockerfile.cuda").Arguments("RUN"), r => r.Contains("libicu", StringComparison.Ordinal));
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputsAndFetchedDependenciesOutOfTheContext()
    {
        var patterns = File.ReadAllLines(Repository.PathOf(".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();

        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", "deps/node_modules/", "**/node_modules/", "artifacts/", "results/" }, patterns);
    }

    private static void AssertPublishesAndStarts(Dockerfile dockerfile)
    {
        var assembly = Dockerfile.AssemblyName(dockerfile.PublishedProject);
        var output = $"/out/{assembly}";

        Assert.Contains($"-c Release -r linux-x64 --self-contained", dockerfile.PublishCommandLine);
        Assert.EndsWith($"-o {output}", dockerfile.PublishCommandLine);
        var fromBuild = dockerfile.Arguments("COPY").Where(c => c.StartsWith("--from=build ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(fromBuild);
        Assert.All(fromBuild, c => Assert.StartsWith($"--from=build {output}/ ", c));
        Assert.Equal($"[\"/app/{assembly}\"]", Assert.Single(dockerfile.Arguments("ENTRYPOINT")));
    }

    /// <summary>A registry path with an explicit tag other than latest.</summary>
    [GeneratedRegex(@"^[a-z0-9./-]+:(?!latest$)[A-Za-z0-9._-]+$")]
    private static partial Regex PinnedImage();
}
