using System.Diagnostics;
using System.Text.Json;
using EnergyOperator.Contracts.IO;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Models;
using EnergyOperator.Runner.Models.Classic;
using EnergyOperator.Runner.Models.Embedding;
using EnergyOperator.Runner.Models.Generative;
using EnergyOperator.Runner.Models.Pretrained;
using EnergyOperator.Runner.Models.Served;
using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Onnx.Export;
using EnergyOperator.Runner.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.Extensions.Logging;

namespace EnergyOperator.Runner.Execution;

/// <summary>
/// Makes each model of a manifest ready before any window opens: trains classic models (once per distinct training setup,
/// shared by their native and ONNX engines), exports them to ONNX, loads ONNX sessions and tokenizers, and trains the heads of
/// embedding models. Every input error is a
/// <see cref="BenchmarkInputException"/> naming the manifest field.
/// </summary>
internal sealed class ModelPreparer(RunnerOptions options, RemoteFileCache downloads, ILogger logger)
{
    /// <summary>A provenance.json is a few hundred bytes; anything near this is not one.</summary>
    private const long MaxProvenanceBytes = 1024 * 1024;

    /// <summary>GPT-2's tokenizer.json is 1.4 MB and large-vocabulary ones reach tens; far beyond is not a tokenizer.</summary>
    private const long MaxTokenizerBytes = 64L * 1024 * 1024;

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
            return new PreparedModel(new ClassicOrtClassifier(model.Featurizer, session, model.ClassCount), Stopwatch.GetElapsedTime(started).TotalSeconds, trainSeconds);
        }

        if (spec.Generative is { } generative)
        {
            return await PrepareGenerativeAsync(generative, $"{field}.generative", provider, runtime, cancellationToken);
        }

        if (spec.Server is { } server)
        {
            return await PrepareServerAsync(server, $"{field}.server", data, cancellationToken);
        }

        return spec.Embedding is { } embedding
            ? await PrepareEmbeddingAsync(embedding, $"{field}.embedding", provider, runtime, data, cancellationToken)
            : await PrepareOnnxAsync(spec.Onnx!, $"{field}.onnx", provider, runtime, data, cancellationToken);
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
        var encoder = await CreateEncoderAsync(spec.Tokenizer.Vocab, spec.Tokenizer.Lowercase, spec.Tokenizer.MaxLength, $"{field}.tokenizer.vocab", cancellationToken);
        var session = LoadSession(modelPath, $"{field}.path", provider, runtime);
        try
        {
            RequireBertInputs(session, modelPath, $"{field}.path");
            var logits = RequireFloatOutput(session, modelPath, spec.Output, $"{field}.output");
            var logitToLabel = MapLabels(spec.Labels ?? data.Labels, data.Labels, $"{field}.labels");

            // A dynamic class dimension (-1) can only be checked when the model runs: its output is bound as [batch, labels].
            if (logits.Dimensions is [.., var classes] && classes > 0 && classes != logitToLabel.Length)
            {
                throw new BenchmarkInputException(
                    $"{field}.labels",
                    $"{modelPath} output '{spec.Output}' has {classes} logits but {logitToLabel.Length} labels map them ({(spec.Labels is null ? "the dataset's" : "from labels")}); list one label per logit, in logit order");
            }

            // A model file given by path may have the provenance.json our export scripts write beside it.
            var provenance = spec.Path is null
                ? null
                : await ReadProvenanceAsync(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, ModelProvenance.FileName), $"{field}.path", cancellationToken);
            return new PreparedModel(new TransformerClassifier(encoder, session, spec.Output, logitToLabel, data.Labels.Count), Stopwatch.GetElapsedTime(started).TotalSeconds, 0)
            {
                EnergyOnly = spec.EnergyOnly || provenance?.RandomWeights == true,
            };
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private async Task<PreparedModel> PrepareEmbeddingAsync(
        EmbeddingModelSpec spec, string field, ExecutionProvider provider, RuntimeSpec runtime, DatasetSplit data, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (modelPath, modelField, vocabPath) = spec.Builtin is { } builtin
            ? ExtractPretrained(builtin, $"{field}.builtin")
            : (await ResolveAsync(spec.Path, spec.Url, $"{field}.path", $"{field}.url", cancellationToken), $"{field}.path", null);
        var encoder = await CreateEncoderAsync(spec.Tokenizer.Vocab ?? vocabPath!, spec.Tokenizer.Lowercase, spec.Tokenizer.MaxLength, $"{field}.tokenizer.vocab", cancellationToken);
        var session = LoadSession(modelPath, modelField, provider, runtime);
        try
        {
            RequireBertInputs(session, modelPath, modelField);
            var states = RequireFloatOutput(session, modelPath, spec.Output, $"{field}.output");
            if (states.Dimensions is not [_, _, > 0 and var dimensions])
            {
                throw new BenchmarkInputException(
                    $"{field}.output",
                    $"{modelPath} output '{spec.Output}' has shape [{string.Join(", ", states.Dimensions)}]; token embeddings [batch, sequence, dimensions] with a fixed dimension count are needed");
            }

            var sentences = new SentenceEncoder(encoder, session, spec.Output, dimensions, spec.Pooling, spec.Normalize);
            var loadSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var trainStarted = Stopwatch.GetTimestamp();
            var head = EmbeddingHeadTrainer.Train(
                sentences, data.Train.Texts, data.Train.Labels, data.Labels.Count, new LogisticRegressionOptions { Epochs = spec.Epochs, L2 = (float)spec.L2 });
            var trainSeconds = Stopwatch.GetElapsedTime(trainStarted).TotalSeconds;
            logger.LogInformation("Trained the embedding head of {Model} on {Samples} texts in {Seconds:F1} s", modelPath, data.Train.Texts.Count, trainSeconds);
            return new PreparedModel(new EmbeddingClassifier(sentences, head, data.Labels.Count), loadSeconds, trainSeconds);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private (string ModelPath, string ModelField, string VocabPath) ExtractPretrained(string name, string field)
    {
        try
        {
            var files = PretrainedModels.Extract(PretrainedModels.Get(name), Path.Combine(options.CacheDirectory, "models"));
            return (files.ModelPath, field, files.VocabPath);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or ArgumentException)
        {
            throw new BenchmarkInputException(field, e.Message, e);
        }
    }

    private async Task<BertBatchEncoder> CreateEncoderAsync(string vocab, bool lowercase, int maxLength, string field, CancellationToken cancellationToken)
    {
        var vocabPath = await ResolveAsync(IsUrl(vocab) ? null : vocab, IsUrl(vocab) ? vocab : null, field, field, cancellationToken);
        try
        {
            return await BertBatchEncoder.CreateAsync(new WordPieceOptions { VocabPath = vocabPath, LowerCase = lowercase, MaxLength = maxLength }, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or ArgumentException)
        {
            throw new BenchmarkInputException(field, e.Message, e);
        }
        catch (PlatformNotSupportedException e)
        {
            throw new BenchmarkInputException("setup", e.Message, e);
        }
    }

    private static void RequireBertInputs(BoundSession session, string modelPath, string field)
    {
        var inputs = session.Session.InputMetadata;
        var missing = new[] { BertInputs.InputIds, BertInputs.AttentionMask }.Where(n => !inputs.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new BenchmarkInputException(field, $"{modelPath} has inputs [{string.Join(", ", inputs.Keys)}] but a WordPiece model needs {string.Join(" and ", missing)}");
        }

        foreach (var name in new[] { BertInputs.InputIds, BertInputs.AttentionMask, BertInputs.TokenTypeIds }.Where(inputs.ContainsKey))
        {
            if (inputs[name].ElementDataType is not (TensorElementType.Int64 or TensorElementType.Int32) and var type)
            {
                throw new BenchmarkInputException(field, $"{modelPath} input '{name}' holds {type}; token inputs must be int64 or int32");
            }
        }
    }

    private static NodeMetadata RequireFloatOutput(BoundSession session, string modelPath, string output, string field)
    {
        if (!session.Session.OutputMetadata.TryGetValue(output, out var metadata))
        {
            throw new BenchmarkInputException(field, $"{modelPath} has no output '{output}' (outputs: {string.Join(", ", session.Session.OutputMetadata.Keys)})");
        }

        return metadata.ElementDataType is TensorElementType.Float or TensorElementType.Float16
            ? metadata
            : throw new BenchmarkInputException(field, $"{modelPath} output '{output}' holds {metadata.ElementDataType}; it must be float or float16");
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

    internal async Task<PreparedModel> PrepareGenerativeAsync(
        GenerativeModelSpec spec, string field, ExecutionProvider provider, RuntimeSpec runtime, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (modelPath, provenancePath) = Directory.Exists(spec.Path)
            ? (Path.Combine(spec.Path, RandomDecoderDirectory.ModelFileName), Path.Combine(spec.Path, ModelProvenance.FileName))
            : (spec.Path, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(spec.Path))!, ModelProvenance.FileName));
        if (!File.Exists(modelPath))
        {
            throw new BenchmarkInputException($"{field}.path", $"{modelPath} not found: give the directory export_decoder.py or 'energyctl model make-decoder' wrote, or the .onnx file");
        }

        var provenance = await ReadProvenanceAsync(provenancePath, $"{field}.path", cancellationToken);
        var (session, settings) = OpenSession(modelPath, $"{field}.path", provider, runtime);
        GreedyDecoder decoder;
        try
        {
            decoder = GreedyDecoder.Create(session, modelPath, settings, provenance?.MaxPositions);
        }
        catch (InvalidDataException e)
        {
            throw new BenchmarkInputException($"{field}.path", e.Message, e);
        }

        var encoder = await CreatePromptEncoderAsync(spec.Tokenizer, Path.GetDirectoryName(Path.GetFullPath(modelPath))!, $"{field}.tokenizer", cancellationToken);
        if (decoder.VocabularySize < encoder.VocabularySize)
        {
            decoder.Dispose();
            throw new BenchmarkInputException(
                $"{field}.tokenizer", $"the tokenizer emits ids up to {encoder.VocabularySize - 1}, but {modelPath} has a vocabulary of {decoder.VocabularySize}: export the model with the tokenizer's vocabulary");
        }

        if (provenance is null)
        {
            logger.LogWarning("{Model} has no {Provenance}: its weights are taken as real and no FLOPs baseline is estimated", modelPath, ModelProvenance.FileName);
        }

        return new PreparedModel(null, Stopwatch.GetElapsedTime(started).TotalSeconds, 0) { Generative = new GenerativeModel(decoder, encoder, provenance) };
    }

    /// <summary>Waits for the server to list the model (a model server in the runner pod starts with it), then reads what it says of it.</summary>
    private async Task<PreparedModel> PrepareServerAsync(ServerModelSpec spec, string field, DatasetSplit data, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        ZeroShotAnswerParser? parser;
        try
        {
            parser = spec.ZeroShot is { } zeroShot ? ZeroShotAnswerParser.Create(zeroShot.Labels, data.Labels) : null;
        }
        catch (ArgumentException e)
        {
            throw new BenchmarkInputException($"{field}.zeroShot.labels", e.Message, e);
        }

        // Runs are bounded by spec.runtime.timeoutSeconds through cancellation, not by the client's own timeout.
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            var client = new OpenAiClient(http, new Uri(spec.Url.TrimEnd('/') + "/"), spec.Model, spec.Api, TimeProvider.System);
            var (card, served) = await client.WaitForModelAsync(TimeSpan.FromSeconds(spec.ReadyTimeoutSeconds), cancellationToken);
            if (card is null)
            {
                throw new BenchmarkInputException($"{field}.model", $"{spec.Url} serves {(served.Count == 0 ? "no model" : string.Join(", ", served))}, not '{spec.Model}': name one of them");
            }

            logger.LogInformation("{Url} serves {Model} ({Context} positions, random weights: {RandomWeights})", spec.Url, card.Id, card.MaxModelLen, card.RandomWeights);
            var model = new ServedModel(spec, client, http, PromptEncoder.Gpt2(), card.MaxModelLen, spec.EnergyOnly || card.RandomWeights, parser);
            return new PreparedModel(null, Stopwatch.GetElapsedTime(started).TotalSeconds, 0) { Served = model };
        }
        catch (TimeoutException e)
        {
            http.Dispose();
            throw new BenchmarkInputException($"{field}.url", $"{e.Message}: start the server, or raise {field}.readyTimeoutSeconds", e);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    private static async Task<PromptEncoder> CreatePromptEncoderAsync(PromptTokenizer tokenizer, string modelDirectory, string field, CancellationToken cancellationToken)
    {
        if (tokenizer == PromptTokenizer.Gpt2)
        {
            return PromptEncoder.Gpt2();
        }

        var path = Path.Combine(modelDirectory, PromptEncoder.TokenizerJsonFileName);
        try
        {
            return PromptEncoder.FromTokenizerJson(await BoundedTextFile.ReadAsync(path, MaxTokenizerBytes, cancellationToken));
        }
        catch (FileNotFoundException)
        {
            throw new BenchmarkInputException(field, $"{path} not found: save the model's tokenizer beside it, or use tokenizer: gpt2");
        }
        catch (Exception e) when (e is TextFileException or InvalidDataException)
        {
            throw new BenchmarkInputException(field, $"{path}: {e.Message}", e);
        }
    }

    private static async Task<ModelProvenance?> ReadProvenanceAsync(string path, string field, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var json = await BoundedTextFile.ReadAsync(path, MaxProvenanceBytes, cancellationToken);
            return JsonSerializer.Deserialize(json, ProvenanceJsonContext.Default.ModelProvenance)
                ?? throw new BenchmarkInputException(field, $"{path} is null: write the object export_decoder.py writes");
        }
        catch (Exception e) when (e is JsonException or TextFileException)
        {
            throw new BenchmarkInputException(field, $"{path} is not a provenance.json ({e.Message}): write it as export_decoder.py does, or remove it", e);
        }
    }

    private BoundSession LoadSession(string path, string field, ExecutionProvider provider, RuntimeSpec runtime)
    {
        var (session, _) = OpenSession(path, field, provider, runtime);
        return new BoundSession(session, path);
    }

    private (InferenceSession Session, OnnxSessionSettings Settings) OpenSession(string path, string field, ExecutionProvider provider, RuntimeSpec runtime)
    {
        OnnxRuntimeInfo onnxRuntime;
        try
        {
            onnxRuntime = OnnxRuntimeLibrary.Load(options.OrtLibraryPath);
        }
        catch (OnnxRuntimeSetupException e)
        {
            throw new BenchmarkInputException("setup", e.Message, e);
        }

        if (provider == ExecutionProvider.Cuda && !onnxRuntime.HasCuda)
        {
            throw new BenchmarkInputException(
                "spec.runtime.executionProvider",
                $"cuda needs ONNX Runtime's CUDA build, but '{onnxRuntime.LibraryPath}' (ONNX Runtime {onnxRuntime.Version}, providers {string.Join(", ", onnxRuntime.Providers)}) " +
                $"has no CUDA provider beside it ({OnnxRuntimeLibrary.CudaProviderFileName}): publish the runner with -p:OnnxRuntimeFlavor=cuda, " +
                $"or set {OnnxRuntimeLibrary.EnvironmentVariable} to the libonnxruntime.so of a GPU build (docs/gpu.md)");
        }

        var settings = new OnnxSessionSettings
        {
            IntraOpThreads = runtime.Threads, Provider = provider, Cuda = runtime.Cuda,
            // Named after the model's directory too: generative models are all DIR/model.onnx.
            ProfilePrefix = options.OrtProfileDirectory is { } profiles
                ? Path.Combine(Directory.CreateDirectory(profiles).FullName, $"{Path.GetFileName(Path.GetDirectoryName(path))}-{Path.GetFileNameWithoutExtension(path)}")
                : null,
        };
        try
        {
            return (OnnxSessions.Load(path, settings), settings);
        }
        catch (OnnxRuntimeException e) when (provider == ExecutionProvider.Cuda && IsCudaSetupError(e.Message))
        {
            throw new BenchmarkInputException(
                "spec.runtime.executionProvider",
                $"ONNX Runtime's CUDA provider did not start: {e.Message}. It needs the NVIDIA driver, CUDA 13 and cuDNN 9 libraries on the library path " +
                "(LD_LIBRARY_PATH, e.g. /usr/local/cuda/lib64) or the energy-runner CUDA image (docs/gpu.md)",
                e);
        }
        catch (OnnxRuntimeException e)
        {
            throw new BenchmarkInputException(field, $"ONNX Runtime could not load model '{path}': {e.Message}", e);
        }
    }

    private static bool IsCudaSetupError(string message) =>
        message.Contains("CUDA", StringComparison.OrdinalIgnoreCase)
        || message.Contains("cudnn", StringComparison.OrdinalIgnoreCase)
        || message.Contains("cublas", StringComparison.OrdinalIgnoreCase)
        || message.Contains("providers_cuda", StringComparison.Ordinal);

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
