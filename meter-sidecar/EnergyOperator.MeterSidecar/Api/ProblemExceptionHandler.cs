using EnergyOperator.Meter;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EnergyOperator.MeterSidecar.Api;

/// <summary>
/// Answers refused requests (<see cref="MeterApiException"/>) and failed measurements
/// (<see cref="EnergyMeasurementException"/>) with a problem document whose <c>detail</c> says what to do.
/// Anything else is a bug and gets the framework's plain 500.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            MeterApiException refused => (refused.StatusCode, refused.Title),
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
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = exception.Message },
            Exception = exception,
        });
    }
}
