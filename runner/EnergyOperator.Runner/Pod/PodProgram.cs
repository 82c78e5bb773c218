using System.Runtime.InteropServices;
using EnergyOperator.Runner.Execution;
using Microsoft.Extensions.Logging;

namespace EnergyOperator.Runner.Pod;

/// <summary>The <c>energy-runner</c> entry point: JSON-line logs, the settings from the environment, SIGTERM as cancellation.</summary>
internal static class PodProgram
{
    public static async Task<int> RunAsync()
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddJsonConsole(json => json.UseUtcTimestamp = true));

        // The kubelet sends SIGTERM at the deadline or on deletion: stop the run and still leave a result behind.
        using var stopping = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopping.Cancel();
        });

        var runner = new PodRunner(PodRunnerSettings.FromEnvironment(Environment.GetEnvironmentVariables()), new RunnerOptions(), loggerFactory);
        return await runner.RunAsync(stopping.Token);
    }
}
