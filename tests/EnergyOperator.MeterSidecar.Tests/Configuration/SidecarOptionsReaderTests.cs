using System.Collections;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter;
using EnergyOperator.MeterSidecar.Configuration;
using Microsoft.Extensions.Configuration;

namespace EnergyOperator.MeterSidecar.Tests.Configuration;

public sealed class SidecarOptionsReaderTests
{
    [Fact]
    public void Read_NothingSet_KeepsTheDefaults()
    {
        var options = Read([], new Hashtable());

        Assert.Equal("http://127.0.0.1:9464", options.ListenUrl);
        Assert.Equal("/dev/termination-log", options.TerminationMessagePath);
        Assert.Equal("/var/run/energy/summary.json", options.SummaryPath);
        Assert.Null(options.RunName);
        Assert.Equal([MeterKind.Auto], options.Meter.Sources);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.Meter.SampleInterval);
    }

    [Fact]
    public void Read_EnvironmentVariables_SetEveryOption()
    {
        var environment = new Hashtable
        {
            ["ENERGY_METER_LISTEN_URL"] = "http://127.0.0.1:9000",
            ["ENERGY_METER_METRICS_LISTEN_URL"] = "http://0.0.0.0:9001",
            ["ENERGY_METER_REQUEST_BODY_TIMEOUT"] = "2s",
            ["ENERGY_METER_SOURCES"] = "rapl, estimate",
            ["ENERGY_METER_SAMPLE_INTERVAL"] = "250ms",
            ["ENERGY_METER_POWERCAP_ROOT"] = "/host/powercap",
            ["ENERGY_METER_GPUS"] = "GPU-a,GPU-b",
            ["ENERGY_METER_WATTS_PER_CORE"] = "7.5",
            ["ENERGY_METER_PROCESS_ID"] = "42",
            ["ENERGY_METER_TERMINATION_MESSAGE_PATH"] = "/tmp/term",
            ["ENERGY_METER_SUMMARY_PATH"] = "/shared/s.json",
            ["ENERGY_METER_RUN_NAME"] = "run-1",
            ["OTHER_SAMPLE_INTERVAL"] = "not ours",
        };

        var options = Read([], environment);

        Assert.Equal("http://127.0.0.1:9000", options.ListenUrl);
        Assert.Equal("http://0.0.0.0:9001", options.MetricsListenUrl);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RequestBodyTimeout);
        Assert.Equal([MeterKind.Rapl, MeterKind.Estimate], options.Meter.Sources);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Meter.SampleInterval);
        Assert.Equal("/host/powercap", options.Meter.PowercapRoot);
        Assert.Equal(["GPU-a", "GPU-b"], options.Meter.Gpus);
        Assert.Equal(7.5, options.Meter.WattsPerCore);
        Assert.Equal(42, options.Meter.EstimateProcessId);
        Assert.Equal("/tmp/term", options.TerminationMessagePath);
        Assert.Equal("/shared/s.json", options.SummaryPath);
        Assert.Equal("run-1", options.RunName);
    }

    [Fact]
    public void Read_ProcessIdPod_EstimatesEveryOtherProcessOfThePod()
    {
        var options = Read(["--Meter:ProcessId=pod"], new Hashtable());

        Assert.True(options.Meter.EstimateOtherProcesses);
        Assert.Null(options.Meter.EstimateProcessId);
    }

    [Fact]
    public void Read_ArgumentAndEnvironment_ArgumentWins()
    {
        var options = Read(["--Meter:SampleInterval=2s"], new Hashtable { ["ENERGY_METER_SAMPLE_INTERVAL"] = "250ms" });

        Assert.Equal(TimeSpan.FromSeconds(2), options.Meter.SampleInterval);
    }

    [Theory]
    [InlineData("--Meter:SampleInterval=soon", "Meter:SampleInterval (environment ENERGY_METER_SAMPLE_INTERVAL) is 'soon'")]
    [InlineData("--Meter:Sources=rapl,gpu", "Meter:Sources (environment ENERGY_METER_SOURCES) is 'gpu'")]
    [InlineData("--Meter:ListenUrl=localhost:9464", "Meter:ListenUrl (environment ENERGY_METER_LISTEN_URL)")]
    [InlineData("--Meter:ListenUrl=http://0.0.0.0:9464", "a loopback address")]
    [InlineData("--Meter:MetricsListenUrl=http://0.0.0.0:9464", "a port other than ListenUrl's")]
    [InlineData("--Meter:WattsPerCore=ten", "Meter:WattsPerCore (environment ENERGY_METER_WATTS_PER_CORE) is 'ten'")]
    [InlineData("--Meter:ProcessId=-3", "Meter:ProcessId (environment ENERGY_METER_PROCESS_ID) is '-3'")]
    public void Read_BadValue_NamesTheSettingAndItsVariable(string argument, string expected)
    {
        var failure = Assert.Throws<MeterConfigurationException>(() => Read([argument], new Hashtable()));

        Assert.Contains(expected, failure.Message);
    }

    private static SidecarOptions Read(string[] args, IDictionary environment) =>
        SidecarOptionsReader.Read(new ConfigurationBuilder().AddMeterEnvironment(environment).AddCommandLine(args).Build());
}
