using Microsoft.ML.OnnxRuntime.Tensors;
using System.Runtime.InteropServices;
using Google.Protobuf;

namespace EnergyOperator.Runner.Onnx.Export;

/// <summary>
/// Builds a single-graph ONNX model and serializes it as <c>ModelProto</c> bytes, written field by field
/// (numbers from onnx/onnx.proto) so that no generated ONNX classes are needed. Nodes must be added in topological order.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>IR version 8 is the first that opset 17 may be used with; every current ORT reads it.</summary>
    public const long IrVersion = 8;

    private readonly List<ValueInfo> _inputs = [];
    private readonly List<ValueInfo> _outputs = [];
    private readonly List<Initializer> _initializers = [];
    private readonly List<Node> _nodes = [];
    private readonly List<KeyValuePair<string, string>> _metadata = [];

    public OnnxGraphBuilder(string graphName, long opsetVersion = 17, string producerName = "EnergyOperator")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        ArgumentOutOfRangeException.ThrowIfLessThan(opsetVersion, 13);
        GraphName = graphName;
        OpsetVersion = opsetVersion;
        ProducerName = producerName;
    }

    public string GraphName { get; }

    public long OpsetVersion { get; }

    public string ProducerName { get; }

    public OnnxGraphBuilder AddInput(string name, TensorElementType elementType, params OnnxDimension[] shape)
    {
        _inputs.Add(new ValueInfo(RequireName(name), elementType, shape));
        return this;
    }

    public OnnxGraphBuilder AddOutput(string name, TensorElementType elementType, params OnnxDimension[] shape)
    {
        _outputs.Add(new ValueInfo(RequireName(name), elementType, shape));
        return this;
    }

    /// <summary>A constant float tensor (row-major <paramref name="values"/> of shape <paramref name="shape"/>).</summary>
    public OnnxGraphBuilder AddInitializer(string name, ReadOnlySpan<float> values, params long[] shape) =>
        AddInitializer(name, TensorElementType.Float, MemoryMarshal.AsBytes(values), values.Length, shape);

    /// <summary>A constant int64 tensor (row-major <paramref name="values"/> of shape <paramref name="shape"/>).</summary>
    public OnnxGraphBuilder AddInitializer(string name, ReadOnlySpan<long> values, params long[] shape) =>
        AddInitializer(name, TensorElementType.Int64, MemoryMarshal.AsBytes(values), values.Length, shape);

    public OnnxGraphBuilder AddNode(string opType, string[] inputs, string[] outputs, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        _nodes.Add(new Node($"{opType}_{_nodes.Count}", opType, inputs, outputs, attributes));
        return this;
    }

    /// <summary>A <c>metadata_props</c> entry, readable at run time through <see cref="OrtSession.Metadata"/>.</summary>
    public OnnxGraphBuilder AddMetadata(string key, string value)
    {
        _metadata.Add(new(RequireName(key), value));
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream, leaveOpen: true);
        output.WriteInt64Field(ModelField.IrVersion, IrVersion);
        output.WriteStringField(ModelField.ProducerName, ProducerName);
        output.WriteMessageField(ModelField.Graph, WriteGraph);
        output.WriteMessageField(ModelField.OpsetImport, opset =>
        {
            opset.WriteStringField(OperatorSetIdField.Domain, string.Empty);
            opset.WriteInt64Field(OperatorSetIdField.Version, OpsetVersion);
        });
        foreach (var (key, value) in _metadata)
        {
            output.WriteMessageField(ModelField.MetadataProps, entry =>
            {
                entry.WriteStringField(StringStringEntryField.Key, key);
                entry.WriteStringField(StringStringEntryField.Value, value);
            });
        }

        output.Flush();
        return stream.ToArray();
    }

    private OnnxGraphBuilder AddInitializer(string name, TensorElementType elementType, ReadOnlySpan<byte> rawData, int elementCount, long[] shape)
    {
        var expected = shape.Aggregate(1L, (count, dimension) => checked(count * dimension));
        if (expected != elementCount)
        {
            throw new ArgumentException(
                $"Initializer '{name}' of shape [{string.Join(", ", shape)}] needs {expected} values but got {elementCount}.", nameof(shape));
        }

        // raw_data must be little-endian, which is what MemoryMarshal gives on the platforms .NET runs ORT on.
        _initializers.Add(new Initializer(RequireName(name), elementType, shape, rawData.ToArray()));
        return this;
    }

    private void WriteGraph(CodedOutputStream graph)
    {
        foreach (var node in _nodes)
        {
            graph.WriteMessageField(GraphField.Node, node.Write);
        }

        graph.WriteStringField(GraphField.Name, GraphName);
        foreach (var initializer in _initializers)
        {
            graph.WriteMessageField(GraphField.Initializer, initializer.Write);
        }

        foreach (var input in _inputs)
        {
            graph.WriteMessageField(GraphField.Input, input.Write);
        }

        foreach (var output in _outputs)
        {
            graph.WriteMessageField(GraphField.Output, output.Write);
        }
    }

    private static string RequireName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name;
    }

    private sealed record ValueInfo(string Name, TensorElementType ElementType, OnnxDimension[] Shape)
    {
        public void Write(CodedOutputStream valueInfo)
        {
            valueInfo.WriteStringField(ValueInfoField.Name, Name);
            valueInfo.WriteMessageField(ValueInfoField.Type, type => type.WriteMessageField(TypeField.TensorType, tensor =>
            {
                tensor.WriteInt64Field(TensorTypeField.ElemType, (long)ElementType);
                tensor.WriteMessageField(TensorTypeField.Shape, shape =>
                {
                    foreach (var dimension in Shape)
                    {
                        shape.WriteMessageField(TensorShapeField.Dim, dim =>
                        {
                            if (dimension.Size is { } size)
                            {
                                dim.WriteInt64Field(DimensionField.DimValue, size);
                            }
                            else
                            {
                                dim.WriteStringField(DimensionField.DimParam, dimension.Name!);
                            }
                        });
                    }
                });
            }));
        }
    }

    private sealed record Initializer(string Name, TensorElementType ElementType, long[] Shape, byte[] RawData)
    {
        public void Write(CodedOutputStream tensor)
        {
            foreach (var dimension in Shape)
            {
                tensor.WriteInt64Field(TensorField.Dims, dimension);
            }

            tensor.WriteInt64Field(TensorField.DataType, (long)ElementType);
            tensor.WriteStringField(TensorField.Name, Name);
            tensor.WriteTag(TensorField.RawData, WireFormat.WireType.LengthDelimited);
            tensor.WriteBytes(UnsafeByteOperations.UnsafeWrap(RawData));
        }
    }

    private sealed record Node(string Name, string OpType, string[] Inputs, string[] Outputs, OnnxAttribute[] Attributes)
    {
        public void Write(CodedOutputStream node)
        {
            foreach (var input in Inputs)
            {
                node.WriteStringField(NodeField.Input, input);
            }

            foreach (var output in Outputs)
            {
                node.WriteStringField(NodeField.Output, output);
            }

            node.WriteStringField(NodeField.Name, Name);
            node.WriteStringField(NodeField.OpType, OpType);
            foreach (var attribute in Attributes)
            {
                node.WriteMessageField(NodeField.Attribute, a => WriteAttribute(a, attribute));
            }
        }

        private static void WriteAttribute(CodedOutputStream output, OnnxAttribute attribute)
        {
            output.WriteStringField(AttributeField.Name, attribute.Name);
            switch (attribute)
            {
                case OnnxAttribute.IntAttribute a:
                    output.WriteInt64Field(AttributeField.Type, AttributeType.Int);
                    output.WriteInt64Field(AttributeField.I, a.Value);
                    break;
                case OnnxAttribute.IntsAttribute a:
                    output.WriteInt64Field(AttributeField.Type, AttributeType.Ints);
                    foreach (var value in a.Values)
                    {
                        output.WriteInt64Field(AttributeField.Ints, value);
                    }
                    break;
                case OnnxAttribute.FloatAttribute a:
                    output.WriteInt64Field(AttributeField.Type, AttributeType.Float);
                    output.WriteTag(AttributeField.F, WireFormat.WireType.Fixed32);
                    output.WriteFloat(a.Value);
                    break;
                default:
                    throw new NotSupportedException($"Attribute '{attribute.Name}' is of an unsupported kind {attribute.GetType().Name}.");
            }
        }
    }

    // Field numbers and enum values from onnx/onnx.proto.
    private static class ModelField { public const int IrVersion = 1, ProducerName = 2, Graph = 7, OpsetImport = 8, MetadataProps = 14; }
    private static class OperatorSetIdField { public const int Domain = 1, Version = 2; }
    private static class StringStringEntryField { public const int Key = 1, Value = 2; }
    private static class GraphField { public const int Node = 1, Name = 2, Initializer = 5, Input = 11, Output = 12; }
    private static class NodeField { public const int Input = 1, Output = 2, Name = 3, OpType = 4, Attribute = 5; }
    private static class AttributeField { public const int Name = 1, F = 2, I = 3, Ints = 8, Type = 20; }
    private static class AttributeType { public const long Float = 1, Int = 2, Ints = 7; }
    private static class TensorField { public const int Dims = 1, DataType = 2, Name = 8, RawData = 9; }
    private static class ValueInfoField { public const int Name = 1, Type = 2; }
    private static class TypeField { public const int TensorType = 1; }
    private static class TensorTypeField { public const int ElemType = 1, Shape = 2; }
    private static class TensorShapeField { public const int Dim = 1; }
    private static class DimensionField { public const int DimValue = 1, DimParam = 2; }
}
