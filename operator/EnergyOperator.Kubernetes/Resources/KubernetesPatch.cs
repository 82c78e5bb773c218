using System.Text.Json.Nodes;

namespace EnergyOperator.Kubernetes.Resources;

/// <summary>A PATCH body and its media type. Custom resources do not support strategic merge patch, so it is not offered.</summary>
public sealed class KubernetesPatch
{
    public const string MergePatchContentType = "application/merge-patch+json";
    public const string JsonPatchContentType = "application/json-patch+json";

    private KubernetesPatch(string contentType, string body)
    {
        ContentType = contentType;
        Body = body;
    }

    public string ContentType { get; }

    public string Body { get; }

    /// <summary>RFC 7386: objects merge, <c>null</c> deletes a field, arrays are replaced whole.</summary>
    public static KubernetesPatch Merge(JsonNode patch) => new(MergePatchContentType, patch.ToJsonString());

    /// <summary>RFC 6902: applied in order and atomically; a failing <c>test</c> rejects the whole patch (422).</summary>
    public static KubernetesPatch Json(params IEnumerable<JsonPatchOperation> operations)
    {
        var array = new JsonArray();
        foreach (var operation in operations)
        {
            array.Add(operation.ToJson());
        }

        return new(JsonPatchContentType, array.ToJsonString());
    }
}

/// <summary>One RFC 6902 operation; <see cref="Path"/> is a JSON pointer (<c>~1</c> escapes <c>/</c>).</summary>
public sealed record JsonPatchOperation(string Op, string Path, JsonNode? Value = null, string? From = null)
{
    public static JsonPatchOperation Test(string path, JsonNode? value) => new("test", path, value);

    public static JsonPatchOperation Add(string path, JsonNode? value) => new("add", path, value);

    public static JsonPatchOperation Replace(string path, JsonNode? value) => new("replace", path, value);

    public static JsonPatchOperation Remove(string path) => new("remove", path);

    /// <summary>Escapes one key for use in a path, e.g. a label name containing <c>/</c>.</summary>
    public static string EscapeKey(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    internal JsonObject ToJson()
    {
        var json = new JsonObject { ["op"] = Op, ["path"] = Path };
        if (Op is "add" or "replace" or "test")
        {
            json["value"] = Value?.DeepClone();
        }

        if (From is not null)
        {
            json["from"] = From;
        }

        return json;
    }
}
