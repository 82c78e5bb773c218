using EnergyOperator.Meter;
using EnergyOperator.MeterSidecar;

try
{
    await using var app = SidecarApplication.Create(args);
    await app.RunAsync();
    return 0;
}
catch (MeterConfigurationException failure)
{
    // Bad settings are the pod spec's fault: say which and exit like the CLI does for bad input.
    await Console.Error.WriteLineAsync($"energy-meter: {failure.Message}");
    return 2;
}
