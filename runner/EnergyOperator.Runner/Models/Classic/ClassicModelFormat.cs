using System.Text;

namespace EnergyOperator.Runner.Models.Classic;

/// <summary>
/// The binary model file, little-endian throughout:
/// magic "EOCLSTXT", int32 version, the featurizer options, int32 document count, float IDF[featureCount],
/// int32 class count, the labels (length-prefixed UTF-8), float weights[featureCount × classCount], float bias[classCount],
/// and the magic again as an end marker so a truncated file is caught even when it ends on a field boundary.
/// </summary>
internal static class ClassicModelFormat
{
    public const int Version = 1;
    private const int MaxClasses = 1 << 16;
    private static ReadOnlySpan<byte> Magic => "EOCLSTXT"u8;

    public static void Write(ClassicTextModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);

        HashedTfidfOptions options = model.Featurizer.Options;
        writer.Write(options.HashBits);
        WriteRange(writer, options.WordNGrams);
        WriteRange(writer, options.CharNGrams);
        writer.Write(options.Lowercase);
        writer.Write(options.MaxTextLength);
        writer.Write(options.SublinearTf);
        writer.Write(options.SmoothIdf);
        writer.Write(options.L2Normalize);
        writer.Write(model.Featurizer.DocumentCount);
        WriteFloats(writer, model.Featurizer.InverseDocumentFrequencies.Span);

        writer.Write(model.ClassCount);
        foreach (string label in model.Labels)
        {
            writer.Write(label);
        }

        WriteFloats(writer, model.Weights.Span);
        WriteFloats(writer, model.Bias.Span);
        writer.Write(Magic);
    }

    public static ClassicTextModel Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            ExpectMagic(reader, "it does not start with the classic text model signature");
            int version = reader.ReadInt32();
            if (version != Version)
            {
                throw new InvalidDataException($"The model data is format version {version}; this build reads version {Version}.");
            }

            var options = new HashedTfidfOptions
            {
                HashBits = reader.ReadInt32(),
                WordNGrams = ReadRange(reader),
                CharNGrams = ReadRange(reader),
                Lowercase = reader.ReadBoolean(),
                MaxTextLength = reader.ReadInt32(),
                SublinearTf = reader.ReadBoolean(),
                SmoothIdf = reader.ReadBoolean(),
                L2Normalize = reader.ReadBoolean(),
            };
            options.Validate();
            int documentCount = reader.ReadInt32();
            if (documentCount < 1)
            {
                throw new InvalidDataException($"The model data's document count {documentCount} is not positive.");
            }

            float[] idf = ReadFloats(reader, options.FeatureCount, "IDF table");

            int classCount = reader.ReadInt32();
            if (classCount is < 2 or > MaxClasses)
            {
                throw new InvalidDataException($"The model data's class count {classCount} is outside [2, {MaxClasses}].");
            }

            var labels = new string[classCount];
            for (int c = 0; c < classCount; c++)
            {
                labels[c] = reader.ReadString();
            }

            float[] weights = ReadFloats(reader, options.FeatureCount * classCount, "weights");
            float[] bias = ReadFloats(reader, classCount, "bias");
            ExpectMagic(reader, "its end marker is missing (the file was cut short or has extra data in the middle)");
            return new ClassicTextModel(new HashedTfidfFeaturizer(options, documentCount, idf), labels, weights, bias);
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException("The model data is truncated (the data ends before the model does).", exception);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"The model data holds invalid settings: {exception.Message}", exception);
        }
        catch (FormatException exception)
        {
            throw new InvalidDataException($"The model data holds an unreadable label: {exception.Message}", exception);
        }
    }

    private static void WriteRange(BinaryWriter writer, NGramRange? range)
    {
        // (0, 0) stands for "off"; a real range starts at 1.
        writer.Write(range?.Min ?? 0);
        writer.Write(range?.Max ?? 0);
    }

    private static NGramRange? ReadRange(BinaryReader reader)
    {
        int min = reader.ReadInt32();
        int max = reader.ReadInt32();
        return min == 0 && max == 0 ? null : new NGramRange(min, max);
    }

    private static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            writer.Write(value);
        }
    }

    private static float[] ReadFloats(BinaryReader reader, int count, string what)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            float value = reader.ReadSingle();
            if (!float.IsFinite(value))
            {
                throw new InvalidDataException($"The model data's {what} holds a non-finite number at position {i}.");
            }

            values[i] = value;
        }

        return values;
    }

    private static void ExpectMagic(BinaryReader reader, string problem)
    {
        Span<byte> magic = stackalloc byte[Magic.Length];
        reader.BaseStream.ReadExactly(magic);
        if (!magic.SequenceEqual(Magic))
        {
            throw new InvalidDataException($"The data is not a classic text model: {problem}.");
        }
    }
}
