using System.Diagnostics;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Models;
using EnergyOperator.Runner.Models.Classic;
using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Onnx.Export;
using EnergyOperator.Runner.Text;
using Microsoft.Extensions.Logging;

namespace EnergyOperator.Runner.Execution;

/// <summary>
/// Makes each model of a manifest ready before any window opens: trains classic models (once per distinct training setup,
/// shared by their native and ONNX engines), exports them to ONNX, loads ONNX sessions and tokenizers. Every input error is a
/// <see cref="BenchmarkInputException"/> naming the manifest field.
/// </summary>
internal sealed class ModelPreparer(RunnerOptions options, RemoteFileCache downloads, ILogger logger)
{
    private readonly Dictionary<ClassicModelSpec, (ClassicTextModel Model, double Seconds)> _trained = [];

    public async Task<PreparedModel> PrepareAsync(
        ModelSpec spec, string field, ExecutionProvider provider, RuntimeSpec runtime, DatasetSplit data, CancellationToken cancellationToken)
    {
        if (spec.Classic is { } classic)
        {
            var (model, trainSeconds) = Train(classic, data, field);
            if (classic.Engine == ModelEngine.Native)
            {
                return new PreparedModel(new NativeClassicClassifier(model), 0, trainSeconds);
            }

            var started = Stopwatch.GetTimestamp();
            var onnx = LinearTextModelExport.Build(model.FeatureCount, model.ClassCount, model.Weights.Span, model.Bias.Span, model.Labels);
            var path = Path.Combine(options.CacheDirectory, "models", $"{spec.Name}.onnx");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, onnx, cancellationToken);
            var session = LoadSession(path, field, provider, runtime);
            return new PreparedModel(new ClassicOrtClassifier(model.Featurizer, session), Stopwatch.GetElapsedTime(started).TotalSeconds, trainSeconds);
        }

        return await PrepareOnnxAsync(spec.Onnx!, $"{field}.onnx", provider, runtime, data, cancellationToken);
    }

    private (ClassicTextModel Model, double Seconds) Train(ClassicModelSpec spec, DatasetSplit data, string field)
    {
        // The engine does not change the trained model: native and ONNX variants of one setup share one training.
        var key = spec with { Engine = ModelEngine.Native };
        if (_trained.TryGetValue(key, out var trained))
        {
            return trained;
        }

        var started = Stopwatch.GetTimestamp();
        ClassicTextModel model;
        try
        {
            model = ClassicTextModelTrainer.Train(
                data.Train.Texts,
                data.Train.Labels,
                data.Labels,
                new HashedTfidfOptions
                {
                    HashBits = spec.HashBits,
                    WordNGrams = new NGramRange(spec.WordNgrams.Min, spec.WordNgrams.Max),
                    CharNGrams = spec.CharNgrams.Max == 0 ? null : new NGramRange(spec.CharNgrams.Min, spec.CharNgrams.Max),
                },
                new LogisticRegressionOptions { Epochs = spec.Epochs, L2 = (float)spec.L2 });
        }
        catch (ArgumentException e)
        {
            throw new BenchmarkInputException($"{field}.classic", e.Message, e);
        }

        trained = (model, Stopwatch.GetElapsedTime(started).TotalSeconds);
        logger.LogInformation("Trained classic model {HashBits} hash bits on {Samples} texts in {Seconds:F1} s", spec.HashBits, data.Train.Texts.Count, trained.Seconds);
        _trained[key] = trained;
        return trained;
    }

    private async Task<PreparedModel> PrepareOnnxAsync(
        OnnxModelSpec spec, string field, ExecutionProvider provider, RuntimeSpec runtime, DatasetSplit data, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var modelPath = await ResolveAsync(spec.Path, spec.Url, $"{field}.path", $"{field}.url", cancellationToken);
        var vocabField = $"{field}.tokenizer.vocab";
        var vocabPath = await ResolveAsync(IsUrl(spec.Tokenizer.Vocab) ? null : spec.Tokenizer.Vocab, IsUrl(spec.Tokenizer.Vocab) ? spec.Tokenizer.Vocab : null, vocabField, vocabField, cancellationToken);

        BertBatchEncoder encoder;
        try
        {
            encoder = await BertBatchEncoder.CreateAsync(
                new WordPieceOptions { VocabPath = vocabPath, LowerCase = spec.Tokenizer.Lowercase, MaxLength = spec.Tokenizer.MaxLength },
                cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or ArgumentException)
        {
            throw new BenchmarkInputException(vocabField, e.Message, e);
        }

        var session = LoadSession(modelPath, $"{field}.path", provider, runtime);
        try
        {
            RequireInputs(session, $"{field}.path");
            var logitToLabel = MapLabels(spec.Labels ?? data.Labels, data.Labels, $"{field}.labels");
            RequireLogitCount(session, logitToLabel.Length);
            return new PreparedModel(new TransformerClassifier(encoder, session, spec.Output, logitToLabel), Stopwatch.GetElapsedTime(started).TotalSeconds, 0);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        void RequireInputs(OrtSession loaded, string at)
        {
            var names = loaded.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
            var missing = new[] { TransformerClassifier.InputIds, TransformerClassifier.AttentionMask }.Where(n => !names.Contains(n)).ToList();
            if (missing.Count > 0)
            {
                throw new BenchmarkInputException(at, $"{modelPath} has inputs [{string.Join(", ", names)}] but a WordPiece classifier needs {string.Join(" and ", missing)}");
            }

            if (loaded.Outputs.All(o => o.Name != spec.Output))
            {
                throw new BenchmarkInputException($"{field}.output", $"{modelPath} has no output '{spec.Output}' (outputs: {string.Join(", ", loaded.Outputs.Select(o => o.Name))})");
            }
        }

        void RequireLogitCount(OrtSession loaded, int labels)
        {
            // A dynamic class dimension (-1) can only be checked when the model runs; TransformerClassifier does that.
            var shape = loaded.Outputs.First(o => o.Name == spec.Output).Shape;
            if (shape is [.., var logits] && logits > 0 && logits != labels)
            {
                throw new BenchmarkInputException(
                    $"{field}.labels",
                    $"{modelPath} output '{spec.Output}' has {logits} logits but {labels} labels map them ({(spec.Labels is null ? "the dataset's" : "from labels")}); list one label per logit, in logit order");
            }
        }
    }

    private static int[] MapLabels(IReadOnlyList<string> modelLabels, LabelSet datasetLabels, string field)
    {
        var map = new int[modelLabels.Count];
        for (var i = 0; i < modelLabels.Count; i++)
        {
            if (!datasetLabels.TryGetIndex(modelLabels[i], out map[i]))
            {
                throw new BenchmarkInputException(field, $"label '{modelLabels[i]}' is not in the dataset's labels ({datasetLabels}); list the model's labels in logit order");
            }
        }

        return map;
    }

    private OrtSession LoadSession(string path, string field, ExecutionProvider provider, RuntimeSpec runtime)
    {
        try
        {
            _ = options.OrtLibraryPath is { } library
                ? OrtEnvironment.Initialize(new OrtEnvironmentOptions { LibraryPath = library })
                : OrtEnvironment.Shared;
        }
        catch (OrtException e)
        {
            throw new BenchmarkInputException("setup", e.Message, e);
        }

        try
        {
            using var sessionOptions = new OrtSessionOptions { IntraOpThreads = runtime.Threads };
            if (provider == ExecutionProvider.Cuda)
            {
                sessionOptions.AppendCuda();
            }

            return OrtSession.Load(path, sessionOptions);
        }
        catch (OrtException e)
        {
            throw new BenchmarkInputException(provider == ExecutionProvider.Cuda && e.Message.Contains("CUDA", StringComparison.OrdinalIgnoreCase) ? "spec.runtime.executionProvider" : field, e.Message, e);
        }
    }

    private async Task<string> ResolveAsync(string? path, string? url, string pathField, string urlField, CancellationToken cancellationToken)
    {
        if (url is not null)
        {
            return await downloads.GetAsync(urlField, url, cancellationToken);
        }

        return File.Exists(path) ? path
            : Directory.Exists(path) ? throw new BenchmarkInputException(pathField, $"{path} is a directory: point it at the file in it")
            : throw new BenchmarkInputException(pathField, $"{path} not found: mount the file into the runner or give a URL");
    }

    private static bool IsUrl(string value) => value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
