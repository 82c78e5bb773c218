using EnergyOperator.Meter;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EnergyOperator.MeterSidecar.Api;

/// <summary>
/// Answers refused requests (<see cref="MeterApiException"/>), bodies Kestrel refused (413 too large, 408 too slow) and failed
/// measurements (<see cref="EnergyMeasurementException"/>) with a problem document whose <c>detail</c> says what to do, cut to
/// <see cref="MaxDetailLength"/>. Anything else is a bug and gets the framework's plain 500.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>A detail may quote the request (a phase, an id): never more than this of it goes back.</summary>
    internal const int MaxDetailLength = 512;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            MeterApiException refused => (refused.StatusCode, refused.Title),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "Request body too large"),
            BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => (StatusCodes.Status408RequestTimeout, "Request body too slow"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            EnergyMeasurementException => (StatusCodes.Status500InternalServerError, "Measurement failed"),
            _ => (0, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = Bounded(exception.Message) },
            Exception = exception,
        });
    }

    private static string Bounded(string detail) =>
        detail.Length <= MaxDetailLength ? detail : string.Concat(detail.AsSpan(0, MaxDetailLength - 1), "…");
}
