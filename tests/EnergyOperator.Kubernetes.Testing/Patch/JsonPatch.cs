using System.Globalization;
using System.Text.Json.Nodes;

namespace EnergyOperator.Kubernetes.Testing.Patch;

/// <summary>RFC 6902 JSON Patch, applied atomically to a copy; any failing operation (a <c>test</c> included) rejects the patch.</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var root = new JsonObject { ["doc"] = document.DeepClone() };
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                throw new JsonPatchException($"operation {i} is not an object");
            }

            ApplyOne(root, operation, i);
        }

        return root["doc"]!.DeepClone();
    }

    private static void ApplyOne(JsonObject root, JsonObject operation, int index)
    {
        var op = operation["op"]?.GetValue<string>() ?? throw new JsonPatchException($"operation {index} has no 'op'");
        var path = operation["path"]?.GetValue<string>() ?? throw new JsonPatchException($"operation {index} has no 'path'");
        switch (op)
        {
            case "add":
                Add(root, path, RequireValue(operation, index));
                break;
            case "remove":
                Remove(root, path);
                break;
            case "replace":
                Remove(root, path);
                Add(root, path, RequireValue(operation, index));
                break;
            case "move":
                var moved = Get(root, From(operation, index));
                Remove(root, From(operation, index));
                Add(root, path, moved);
                break;
            case "copy":
                Add(root, path, Get(root, From(operation, index)));
                break;
            case "test":
                var actual = Get(root, path);
                if (!JsonNode.DeepEquals(actual, operation["value"]))
                {
                    throw new JsonPatchException($"testing value {path} failed");
                }

                break;
            default:
                throw new JsonPatchException($"unexpected kind of operation '{op}'");
        }
    }

    private static JsonNode? RequireValue(JsonObject operation, int index) =>
        operation.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw new JsonPatchException($"operation {index} has no 'value'");

    private static string From(JsonObject operation, int index) =>
        operation["from"]?.GetValue<string>() ?? throw new JsonPatchException($"operation {index} has no 'from'");

    private static JsonNode? Get(JsonObject root, string path)
    {
        var (parent, key) = Resolve(root, path);
        return parent switch
        {
            JsonObject o when o.TryGetPropertyValue(key, out var value) => value?.DeepClone(),
            JsonArray a when TryIndex(a, key, a.Count - 1, out var i) => a[i]?.DeepClone(),
            _ => throw new JsonPatchException($"path {path} does not exist"),
        };
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, key) = Resolve(root, path);
        switch (parent)
        {
            case JsonObject o:
                o[key] = value;
                break;
            case JsonArray a when key == "-":
                a.Add(value);
                break;
            case JsonArray a when TryIndex(a, key, a.Count, out var i):
                a.Insert(i, value);
                break;
            default:
                throw new JsonPatchException($"cannot add at {path}");
        }
    }

    private static void Remove(JsonObject root, string path)
    {
        var (parent, key) = Resolve(root, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(key):
                o.Remove(key);
                break;
            case JsonArray a when TryIndex(a, key, a.Count - 1, out var i):
                a.RemoveAt(i);
                break;
            default:
                throw new JsonPatchException($"path {path} does not exist");
        }
    }

    /// <summary>The container of the pointer's last token, and that token; the document lives under a synthetic "doc" key.</summary>
    private static (JsonNode Parent, string Key) Resolve(JsonObject root, string pointer)
    {
        if (pointer.Length > 0 && pointer[0] != '/')
        {
            throw new JsonPatchException($"path {pointer} is not a JSON pointer");
        }

        var tokens = ("/doc" + pointer).Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode current = root;
        foreach (var token in tokens[..^1])
        {
            current = current switch
            {
                JsonObject o when o[token] is { } child => child,
                JsonArray a when TryIndex(a, token, a.Count - 1, out var i) && a[i] is { } element => element,
                _ => throw new JsonPatchException($"path {pointer} does not exist"),
            };
        }

        return (current, tokens[^1]);
    }

    private static bool TryIndex(JsonArray array, string token, int max, out int index) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index <= max && array is not null;
}

internal sealed class JsonPatchException(string message) : Exception(message);
