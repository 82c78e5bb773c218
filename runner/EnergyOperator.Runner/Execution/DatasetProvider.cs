using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Data;

namespace EnergyOperator.Runner.Execution;

/// <summary>Loads the dataset a manifest names and splits it; every failure names the manifest field.</summary>
internal sealed class DatasetProvider(RunnerOptions options, RemoteFileCache downloads)
{
    public async Task<DatasetSplit> LoadAsync(DatasetSpec spec, CancellationToken cancellationToken)
    {
        var dataset = await LoadDatasetAsync(spec, cancellationToken);
        DatasetSplit split;
        try
        {
            if (spec.Labels is { } labels)
            {
                dataset = dataset.WithLabels(labels);
            }

            split = StratifiedSplit.Create(dataset, new SplitOptions
            {
                TestFraction = spec.TestFraction,
                Seed = spec.Seed,
                Limit = spec.Limit > 0 ? spec.Limit : null,
            });
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            throw new BenchmarkInputException(spec.Labels is null ? "spec.dataset" : "spec.dataset.labels", e.Message, e);
        }

        // An empty side would mean an empty inference window: nothing measured, nothing scored.
        return split switch
        {
            { Test.Count: 0 } => throw new BenchmarkInputException(
                "spec.dataset.testFraction", $"the split leaves no test samples ({split.Train.Count} train): raise testFraction, or limit, or use more data"),
            { Train.Count: 0 } => throw new BenchmarkInputException(
                "spec.dataset.testFraction", $"the split leaves no training samples ({split.Test.Count} test): lower testFraction, or use more data"),
            _ => split,
        };
    }

    private async Task<TextDataset> LoadDatasetAsync(DatasetSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Builtin is not null)
        {
            try
            {
                return await SpamAssassinCorpus.LoadAsync(options.DatasetsDirectory, cancellationToken);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or InvalidDataException)
            {
                throw new BenchmarkInputException("spec.dataset.builtin", e.Message, e);
            }
        }

        var file = spec.File!;
        var field = file.Path is not null ? "spec.dataset.file.path" : "spec.dataset.file.url";
        var path = file.Path ?? await downloads.GetAsync(field, file.Url!, cancellationToken);
        try
        {
            return await TextFileDataset.LoadAsync(
                new TextFileOptions { Path = path, Format = file.Format, TextField = file.TextField, LabelField = file.LabelField },
                cancellationToken);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or InvalidDataException)
        {
            throw new BenchmarkInputException(field, e.Message, e);
        }
    }
}
