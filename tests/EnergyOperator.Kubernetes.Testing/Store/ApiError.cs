using System.Text.Json.Nodes;

namespace EnergyOperator.Kubernetes.Testing.Store;

/// <summary>A request the double refuses, carried to the HTTP layer as a <c>Status</c> body.</summary>
internal sealed class ApiError(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;

    public JsonObject ToStatus() => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = Message,
        ["reason"] = Reason,
        ["details"] = details?.DeepClone(),
        ["code"] = Code,
    };

    public static ApiError NotFound(ResourceKind kind, string name) =>
        new(404, "NotFound", $"{kind.GroupResource} \"{name}\" not found", Details(kind, name));

    public static ApiError AlreadyExists(ResourceKind kind, string name) =>
        new(409, "AlreadyExists", $"{kind.GroupResource} \"{name}\" already exists", Details(kind, name));

    public static ApiError Conflict(ResourceKind kind, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {kind.GroupResource} \"{name}\": {why}", Details(kind, name));

    public static ApiError Invalid(ResourceKind kind, string name, string field, string message)
    {
        var details = Details(kind, name);
        details["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueForbidden", ["message"] = message, ["field"] = field });
        return new(422, "Invalid", $"{kind.Kind} \"{name}\" is invalid: {field}: {message}", details);
    }

    /// <summary>A schema violation, as a CRD's validation reports it: one cause per <c>field: message</c> problem.</summary>
    public static ApiError Invalid(ResourceKind kind, string name, IReadOnlyList<string> problems)
    {
        var details = Details(kind, name);
        details["causes"] = new JsonArray([.. problems.Select(problem => problem.Split(": ", 2)).Select(parts => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldValueInvalid",
            ["message"] = parts[^1],
            ["field"] = parts[0],
        })]);
        return new(422, "Invalid", $"{kind.Kind}.{kind.Group} \"{name}\" is invalid: {string.Join(", ", problems)}", details);
    }

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiError Expired(long requested, long oldest) =>
        new(410, "Expired", $"too old resource version: {requested} ({oldest})");

    private static JsonObject Details(ResourceKind kind, string name) =>
        new() { ["name"] = name, ["group"] = kind.Group, ["kind"] = kind.Plural };
}
