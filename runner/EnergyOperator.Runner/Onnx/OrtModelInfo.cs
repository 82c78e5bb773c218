namespace EnergyOperator.Runner.Onnx;

/// <summary>
/// A model input or output. <see cref="Shape"/> has -1 for dynamic dimensions, whose names (e.g. "batch") are in
/// <see cref="SymbolicDimensions"/> ("" for fixed ones). Non-tensor values have <see cref="OrtElementType.Undefined"/> and no shape.
/// </summary>
public sealed record OrtValueInfo(string Name, OrtElementType ElementType, IReadOnlyList<long> Shape, IReadOnlyList<string> SymbolicDimensions);

/// <summary>The model's header fields and its custom <c>metadata_props</c>.</summary>
public sealed record OrtModelMetadata(
    string ProducerName,
    string GraphName,
    string Domain,
    string Description,
    long Version,
    IReadOnlyDictionary<string, string> CustomMetadata);
