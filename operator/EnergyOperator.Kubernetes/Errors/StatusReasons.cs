namespace EnergyOperator.Kubernetes.Errors;

/// <summary>The <c>reason</c> values of <c>metav1.Status</c> that callers branch on.</summary>
public static class StatusReasons
{
    public const string NotFound = "NotFound";
    public const string AlreadyExists = "AlreadyExists";
    public const string Conflict = "Conflict";
    public const string Gone = "Gone";

    /// <summary>What the watch cache sends for a resourceVersion older than its history (code 410).</summary>
    public const string Expired = "Expired";

    public const string Invalid = "Invalid";
    public const string BadRequest = "BadRequest";
    public const string Forbidden = "Forbidden";
    public const string Unauthorized = "Unauthorized";
    public const string TooManyRequests = "TooManyRequests";
    public const string InternalError = "InternalError";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string UnsupportedMediaType = "UnsupportedMediaType";
}
