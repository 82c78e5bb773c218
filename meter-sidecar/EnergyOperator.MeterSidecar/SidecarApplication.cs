using System.Collections;
using System.Text.Json.Serialization;
using EnergyOperator.Meter;
using EnergyOperator.Meter.Client;
using EnergyOperator.MeterSidecar.Api;
using EnergyOperator.MeterSidecar.Configuration;
using EnergyOperator.MeterSidecar.Metering;
using EnergyOperator.MeterSidecar.Metrics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using EnergyOperator.MeterSidecar.Summary;

namespace EnergyOperator.MeterSidecar;

/// <summary>
/// Builds the meter sidecar: the window API on <see cref="SidecarOptions.ListenUrl"/> (loopback), metrics and probes on
/// <see cref="SidecarOptions.MetricsListenUrl"/>, the meter, and the summary on exit.
/// </summary>
public static class SidecarApplication
{
    /// <summary>Builds the sidecar from <c>--Meter:*</c> arguments and <c>ENERGY_METER_*</c> environment variables.</summary>
    /// <exception cref="MeterConfigurationException">A setting is invalid; the message names it.</exception>
    public static WebApplication Create(string[] args) => Create(args, Environment.GetEnvironmentVariables());

    internal static WebApplication Create(string[] args, IDictionary environment)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // Arguments are added again so they override the environment, as they do for every other setting.
        builder.Configuration.AddMeterEnvironment(environment).AddCommandLine(args);
        var options = SidecarOptionsReader.Read(builder.Configuration);
        builder.WebHost.UseUrls(options.ListenUrl, options.MetricsListenUrl);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Past these Kestrel answers 413 and 408 (through ProblemExceptionHandler) instead of buffering or waiting.
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: options.RequestBodyTimeout);
            kestrel.Limits.RequestHeadersTimeout = options.RequestBodyTimeout;
        });

        // Request lines are noise in a sidecar's log; its own messages and the framework's warnings are not.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var services = builder.Services;
        services.ConfigureHttpJsonOptions(json =>
        {
            // The context's own options do not carry over to the framework's: answers omit nulls like the summary file.
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, MeterSidecarJsonContext.Default);
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddSingleton(options);
        services.AddSingleton(options.Meter.TimeProvider);
        services.AddSingleton(new EnergyMeter(options.Meter));
        services.AddSingleton<MeterRuntime>();
        services.AddHostedService(provider => provider.GetRequiredService<MeterRuntime>());
        services.AddSingleton<WindowBook>();
        services.AddSingleton<MeterMetrics>();
        services.AddSingleton<SummaryWriter>();
        services.AddSingleton<RunRecorder>();

        var app = builder.Build();
        app.UseExceptionHandler();
        // Stopping fires before hosted services stop, so the summary still sees the meter's sources.
        app.Lifetime.ApplicationStopping.Register(app.Services.GetRequiredService<RunRecorder>().RecordTermination);
        app.MapSidecarEndpoints(new Uri(options.MetricsListenUrl).Port);
        return app;
    }
}
