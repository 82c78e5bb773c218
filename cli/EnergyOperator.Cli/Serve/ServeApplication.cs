using EnergyOperator.Runner.Models.Generative;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnergyOperator.Cli.Serve;

/// <summary>Builds the OpenAI-compatible server over one loaded generative model.</summary>
internal static class ServeApplication
{
    public static WebApplication Create(GenerativeModel model, ServeOptions options, TimeProvider timeProvider, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Past the limit Kestrel refuses the body while it is read, and the endpoint answers 413 in OpenAI's shape.
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(10));
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging?.Invoke(builder.Logging);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(timeProvider);
        services.AddSingleton(model);
        services.AddSingleton<HostedModel>();
        services.AddSingleton<SerialGenerator>();

        var app = builder.Build();
        // An engine failure (a device out of memory) is still OpenAI's error JSON, not an HTML page or an empty 500.
        app.UseExceptionHandler(failure => failure.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            ServeLog.Failed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServeApplication)), context.Request.Path.Value ?? "", error!);
            await OpenAiEndpoints.WriteProblemAsync(
                context, new OpenAiProblem(StatusCodes.Status500InternalServerError, $"Generation failed: {error?.Message}", "server_error", null));
        }));
        app.MapOpenAiEndpoints();
        return app;
    }
}
