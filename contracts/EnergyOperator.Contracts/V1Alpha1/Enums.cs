using System.Text.Json.Serialization;

namespace EnergyOperator.Contracts.V1Alpha1;

[JsonConverter(typeof(JsonStringEnumConverter<ExecutionProvider>))]
public enum ExecutionProvider
{
    [JsonStringEnumMemberName("cpu")] Cpu,
    [JsonStringEnumMemberName("cuda")] Cuda,
}

[JsonConverter(typeof(JsonStringEnumConverter<ModelEngine>))]
public enum ModelEngine
{
    [JsonStringEnumMemberName("native")] Native,
    [JsonStringEnumMemberName("onnxruntime")] OnnxRuntime,
}

[JsonConverter(typeof(JsonStringEnumConverter<EmbeddingPooling>))]
public enum EmbeddingPooling
{
    /// <summary>The mean of the token embeddings under the attention mask (sentence-transformers' default).</summary>
    [JsonStringEnumMemberName("mean")] Mean,

    /// <summary>The first token's ([CLS]) embedding.</summary>
    [JsonStringEnumMemberName("cls")] Cls,
}

[JsonConverter(typeof(JsonStringEnumConverter<DatasetFormat>))]
public enum DatasetFormat
{
    [JsonStringEnumMemberName("jsonl")] Jsonl,
    [JsonStringEnumMemberName("csv")] Csv,
}

[JsonConverter(typeof(JsonStringEnumConverter<MeterKind>))]
public enum MeterKind
{
    [JsonStringEnumMemberName("auto")] Auto,
    [JsonStringEnumMemberName("nvml")] Nvml,
    [JsonStringEnumMemberName("rapl")] Rapl,
    [JsonStringEnumMemberName("estimate")] Estimate,
}
