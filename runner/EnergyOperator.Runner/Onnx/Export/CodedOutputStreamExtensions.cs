using Google.Protobuf;

namespace EnergyOperator.Runner.Onnx.Export;

/// <summary>Tag-and-value helpers for writing protobuf messages by field number.</summary>
internal static class CodedOutputStreamExtensions
{
    public static void WriteInt64Field(this CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    public static void WriteStringField(this CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    /// <summary>Writes a nested message; its body is serialized first because the wire format prefixes its length.</summary>
    public static void WriteMessageField(this CodedOutputStream output, int field, Action<CodedOutputStream> writeBody)
    {
        using var buffer = new MemoryStream();
        var body = new CodedOutputStream(buffer, leaveOpen: true);
        writeBody(body);
        body.Flush();
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)));
    }
}
