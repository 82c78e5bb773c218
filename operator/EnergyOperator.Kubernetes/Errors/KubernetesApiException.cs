using System.Net;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Errors;

/// <summary>The API server refused a request; carries the <c>Status</c> it answered with.</summary>
public sealed class KubernetesApiException : Exception
{
    public KubernetesApiException(V1Status status)
        : base(Describe(status))
    {
        Status = status;
    }

    public V1Status Status { get; }

    public HttpStatusCode StatusCode => (HttpStatusCode)(Status.Code ?? 0);

    /// <summary>A <see cref="StatusReasons"/> value; several reasons share one code (409: Conflict and AlreadyExists).</summary>
    public string Reason => Status.Reason ?? "";

    /// <summary>Field-level causes; for 422 Invalid each names the offending field path.</summary>
    public IReadOnlyList<V1StatusCause> Causes => Status.Details?.Causes?.ToList() ?? [];

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    public bool IsAlreadyExists => Reason == StatusReasons.AlreadyExists;

    /// <summary>A stale resourceVersion or failed precondition: re-read and retry.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict && !IsAlreadyExists;

    /// <summary>410, whether reported as Gone or Expired: the watch or list must start over from a fresh list.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone;

    public bool IsInvalid => StatusCode == HttpStatusCode.UnprocessableEntity;

    internal static KubernetesApiException FromResponse(HttpStatusCode code, V1Status? body, string rawBody)
    {
        var status = body is { Code: > 0 } ? body : new V1Status
        {
            Status = "Failure",
            Code = (int)code,
            Reason = body?.Reason ?? ReasonFor(code),
            Message = body?.Message ?? (string.IsNullOrWhiteSpace(rawBody) ? code.ToString() : rawBody.Trim()),
            Details = body?.Details,
        };
        return new KubernetesApiException(status);
    }

    private static string ReasonFor(HttpStatusCode code) => code switch
    {
        HttpStatusCode.NotFound => StatusReasons.NotFound,
        HttpStatusCode.Conflict => StatusReasons.Conflict,
        HttpStatusCode.Gone => StatusReasons.Gone,
        HttpStatusCode.UnprocessableEntity => StatusReasons.Invalid,
        HttpStatusCode.BadRequest => StatusReasons.BadRequest,
        HttpStatusCode.Forbidden => StatusReasons.Forbidden,
        HttpStatusCode.Unauthorized => StatusReasons.Unauthorized,
        HttpStatusCode.TooManyRequests => StatusReasons.TooManyRequests,
        HttpStatusCode.ServiceUnavailable => StatusReasons.ServiceUnavailable,
        HttpStatusCode.MethodNotAllowed => StatusReasons.MethodNotAllowed,
        HttpStatusCode.UnsupportedMediaType => StatusReasons.UnsupportedMediaType,
        _ => StatusReasons.InternalError,
    };

    private static string Describe(V1Status status)
    {
        var causes = status.Details?.Causes is { Count: > 0 } list
            ? " (" + string.Join("; ", list.Select(c => c.Field is null ? c.Message : $"{c.Field}: {c.Message}")) + ")"
            : "";
        return $"Kubernetes API {status.Code} {status.Reason}: {status.Message}{causes}";
    }
}
