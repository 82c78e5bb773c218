namespace EnergyOperator.MeterSidecar.Api;

/// <summary>A request the sidecar refuses; <see cref="ProblemExceptionHandler"/> answers it as an RFC 7807 problem.</summary>
internal sealed class MeterApiException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public static MeterApiException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static MeterApiException NotFound(string detail) => new(StatusCodes.Status404NotFound, "Window not found", detail);

    public static MeterApiException Conflict(string title, string detail) => new(StatusCodes.Status409Conflict, title, detail);

    public static MeterApiException Unavailable(string title, string detail) => new(StatusCodes.Status503ServiceUnavailable, title, detail);
}
