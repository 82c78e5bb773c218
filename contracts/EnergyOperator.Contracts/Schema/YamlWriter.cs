using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EnergyOperator.Contracts.Schema;

/// <summary>
/// Writes a JSON tree as block YAML in the tree's key order (lists of scalars in flow style), with '\n' line endings and no line
/// folding, so the output is the same byte for byte everywhere.
/// </summary>
internal static partial class YamlWriter
{
    public static string Write(JsonNode root, string headerComment)
    {
        var text = new StringWriter { NewLine = "\n" };
        text.WriteLine($"# {headerComment}");
        var settings = EmitterSettings.Default.WithBestIndent(2).WithBestWidth(int.MaxValue).WithNewLine("\n");
        var emitter = new Emitter(text, settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, root, flow: false);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(IEmitter emitter, JsonNode? node, bool flow)
    {
        switch (node)
        {
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, obj.Count == 0 || flow ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value, flow);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                var inline = flow || array.All(item => item is null or JsonValue);
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, inline ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item, inline);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                EmitString(emitter, value.GetValue<string>());
                break;
            default:
                // Numbers, booleans and null: JSON's spelling is also YAML's.
                emitter.Emit(new Scalar(node?.ToJsonString() ?? "null"));
                break;
        }
    }

    /// <summary>Plain where a reader would read a string back; quoted where it would read a null, boolean or number.</summary>
    private static void EmitString(IEmitter emitter, string value) =>
        emitter.Emit(new Scalar(null, null, value, NotAString().IsMatch(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain, true, true));

    // YAML 1.1 and 1.2 core-schema nulls, booleans and anything that starts like a number (quoting a few strings needlessly is harmless).
    [GeneratedRegex(@"^(|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.?[0-9].*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex NotAString();
}
