namespace EnergyOperator.Runner.Onnx.Export;

/// <summary>A node attribute (ONNX <c>AttributeProto</c>) of one of the kinds the exporters need.</summary>
public abstract record OnnxAttribute(string Name)
{
    public static OnnxAttribute Int(string name, long value) => new IntAttribute(name, value);

    public static OnnxAttribute Ints(string name, params long[] values) => new IntsAttribute(name, values);

    public static OnnxAttribute Float(string name, float value) => new FloatAttribute(name, value);

    internal sealed record IntAttribute(string Name, long Value) : OnnxAttribute(Name);

    internal sealed record IntsAttribute(string Name, long[] Values) : OnnxAttribute(Name);

    internal sealed record FloatAttribute(string Name, float Value) : OnnxAttribute(Name);
}
