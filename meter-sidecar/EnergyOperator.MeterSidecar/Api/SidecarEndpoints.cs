using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter.Client;
using EnergyOperator.MeterSidecar.Metering;
using EnergyOperator.MeterSidecar.Metrics;
using EnergyOperator.MeterSidecar.Summary;
using Microsoft.AspNetCore.Http.HttpResults;
using Prometheus;

namespace EnergyOperator.MeterSidecar.Api;

/// <summary>The sidecar's HTTP API; docs/results.md ("Meter sidecar summary") describes it for callers.</summary>
internal static class SidecarEndpoints
{
    /// <param name="metricsPort">
    /// The port that faces the pod network: it serves <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> and nothing else. A
    /// connection's local port decides, never its Host header, which the caller writes.
    /// </param>
    public static WebApplication MapSidecarEndpoints(this WebApplication app, int metricsPort)
    {
        app.UseMetricServer(metricsPort, "/metrics", app.Services.GetRequiredService<MeterMetrics>().Registry);
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        app.MapGet("/readyz", Readiness);

        var v1 = app.MapGroup("/v1").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.LocalPort == metricsPort ? TypedResults.NotFound() : await next(context));
        v1.MapGet("/sources", (MeterRuntime runtime) => TypedResults.Ok(runtime.Sources.ToArray()));
        v1.MapGet("/windows", (WindowBook windows) => TypedResults.Ok(windows.List().ToArray()));
        v1.MapPost("/windows", StartWindowAsync);
        v1.MapPost("/windows/{id}/stop", (string id, WindowBook windows) => TypedResults.Ok(windows.Stop(id)));
        v1.MapPost("/finish", FinishAsync);
        return app;
    }

    private static IResult Readiness(MeterRuntime runtime) => runtime.State switch
    {
        MeterState.Ready => TypedResults.Text("ready"),
        // 500, not 503: a meter that failed to start never becomes ready, and the client stops waiting on it.
        MeterState.Failed => TypedResults.Problem(
            $"The meter failed to start: {runtime.Failure}", statusCode: StatusCodes.Status500InternalServerError, title: "Meter failed"),
        MeterState.Starting => TypedResults.Problem(
            "The meter is still probing its sources.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Meter starting"),
        _ => TypedResults.Problem(
            "The sidecar is shutting down.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Meter stopping"),
    };

    private static async Task<Created<WindowStarted>> StartWindowAsync(HttpRequest request, WindowBook windows, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(
            request, MeterSidecarJsonContext.Default.WindowStartRequest, """{"phase":"inference"}""", cancellationToken);
        var started = windows.Open(body.Phase, body.Gpus);
        return TypedResults.Created($"/v1/windows/{started.Id}", started);
    }

    /// <summary>Writes the summary, answers with it, and stops the sidecar once the answer is sent.</summary>
    private static async Task<Ok<MeterSummary>> FinishAsync(
        HttpContext context, RunRecorder recorder, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(
            context.Request, MeterSidecarJsonContext.Default.FinishRequest, """{"status":"succeeded"}""", cancellationToken);
        var summary = recorder.Finish(body.Status, body.Message);
        context.Response.OnCompleted(() =>
        {
            lifetime.StopApplication();
            return Task.CompletedTask;
        });
        return TypedResults.Ok(summary);
    }
}
