using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter.Estimate;
using EnergyOperator.Meter.Tests.Fakes;
using EnergyOperator.Testing;

namespace EnergyOperator.Meter.Tests.Estimate;

public sealed class EstimateTests : IDisposable
{
    private const int ProcessId = 4242;

    private readonly string _proc = Directory.CreateTempSubdirectory("proc-").FullName;
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => Directory.Delete(_proc, recursive: true);

    [Fact]
    public async Task Window_OtherProcessCpuTime_IsWattsPerCoreTimesCpuSecondsAndEstimated()
    {
        WriteStat(utime: 100, stime: 50);
        var source = new CpuTimeEstimateSource(new ProcStatCpuTime(ProcessId, _proc, clockTicksPerSecond: 100), wattsPerCore: 10);
        var options = new EnergyMeterOptions { TimeProvider = _time, Sources = [MeterKind.Estimate] };
        await using var meter = new EnergyMeter(options, _ => source);
        meter.StartWithoutSamplingLoop();

        var window = meter.StartWindow("inference");
        WriteStat(utime: 250, stime: 100); // +2 CPU seconds
        _time.Advance(TimeSpan.FromMilliseconds(1_000));
        var measurement = window.Stop();

        var reading = Assert.Single(measurement.Readings);
        Assert.Equal(("estimate", "cpu", null, EnergyMethod.Model), (reading.Source, reading.Domain, reading.Device, reading.Method));
        Assert.True(reading.Estimated);
        Assert.True(measurement.Estimated);
        Assert.Equal(20, reading.Joules, 9);
        Assert.Contains("process 4242", Assert.Single(meter.Describe()).Devices.Single());
    }

    [Fact]
    public async Task Window_ProcessUsedNoCpu_IsZeroJoulesAndNotTooShort()
    {
        // Unlike a sensor counter, CPU time that did not move means an idle process, not a stale reading.
        WriteStat(utime: 100, stime: 50);
        var source = new CpuTimeEstimateSource(new ProcStatCpuTime(ProcessId, _proc, clockTicksPerSecond: 100), wattsPerCore: 10);
        await using var meter = new EnergyMeter(new EnergyMeterOptions { TimeProvider = _time, Sources = [MeterKind.Estimate] }, _ => source);
        meter.StartWithoutSamplingLoop();

        var window = meter.StartWindow("idle-baseline");
        _time.Advance(TimeSpan.FromMilliseconds(1_000));
        var reading = Assert.Single(window.Stop().Readings);

        Assert.Equal(0, reading.Joules);
        Assert.False(reading.TooShort);
        Assert.True(reading.Estimated);
    }

    [Fact]
    public void Read_CommandNameWithSpacesAndParentheses_ParsesUtimeAndStime()
    {
        WriteStat(utime: 300, stime: 200, command: "python (worker) 1");

        Assert.Equal(TimeSpan.FromSeconds(5), new ProcStatCpuTime(ProcessId, _proc, clockTicksPerSecond: 100).Read());
    }

    [Fact]
    public void Read_ProcessExitedAfterAFirstRead_KeepsItsFinalCpuTime()
    {
        WriteStat(utime: 100, stime: 0);
        var reader = new ProcStatCpuTime(ProcessId, _proc, clockTicksPerSecond: 100);
        reader.Read();

        Directory.Delete(Path.Combine(_proc, ProcessId.ToString()), recursive: true);

        Assert.Equal(TimeSpan.FromSeconds(1), reader.Read());
    }

    [Fact]
    public void Probe_ProcessNotVisible_IsUnavailableNamingTheFix()
    {
        var probe = new CpuTimeEstimateSource(new ProcStatCpuTime(ProcessId, _proc, clockTicksPerSecond: 100), 10).Probe();

        Assert.False(probe.Available);
        Assert.Contains("shareProcessNamespace", probe.Reason);
    }

    [Fact]
    public void Read_ThisMachinesProcFile_UsesTheKernelClockTickRate()
    {
        var ownCpu = new ProcStatCpuTime(Environment.ProcessId).Read();

        Assert.True(ownCpu > TimeSpan.Zero);
        Assert.True(ownCpu <= Environment.CpuUsage.TotalTime + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void OtherProcesses_SumsEveryProcessButTheMeterAndNeverGoesBackwardsWhenOneExits()
    {
        const int Meter = 10, Runner = 11, Worker = 12;
        WriteStat(utime: 500, stime: 0, pid: Meter);
        WriteStat(utime: 100, stime: 100, pid: Runner);
        WriteStat(utime: 50, stime: 50, pid: Worker);
        var reader = new OtherProcessesCpuTime(_proc, selfProcessId: Meter, clockTicksPerSecond: 100);

        Assert.Equal(TimeSpan.FromSeconds(3), reader.Read());

        WriteStat(utime: 300, stime: 100, pid: Runner);
        Directory.Delete(Path.Combine(_proc, Worker.ToString()), recursive: true);
        Assert.Equal(TimeSpan.FromSeconds(5), reader.Read());

        // A new process reusing the pid is another process: its time adds to, and does not replace, the old one's.
        WriteStat(utime: 100, stime: 0, pid: Worker, start: 999);
        Assert.Equal(TimeSpan.FromSeconds(6), reader.Read());
    }

    [Fact]
    public void Options_OneProcessAndEveryOtherProcess_ExcludeEachOther() =>
        Assert.Throws<MeterConfigurationException>(() => new EnergyMeter(new EnergyMeterOptions { EstimateOtherProcesses = true, EstimateProcessId = 7 }));

    private void WriteStat(ulong utime, ulong stime, string command = "python", int pid = ProcessId, ulong start = 4_000)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_proc, pid.ToString()));
        // Fields 1–22 of proc_pid_stat(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
        // utime stime cutime cstime priority nice num_threads itrealvalue starttime, then more.
        File.WriteAllText(Path.Combine(directory.FullName, "stat"), $"{pid} ({command}) R 1 1 1 0 -1 4194304 10 0 0 0 {utime} {stime} 7 3 20 0 1 0 {start} 123456 78\n");
    }
}
