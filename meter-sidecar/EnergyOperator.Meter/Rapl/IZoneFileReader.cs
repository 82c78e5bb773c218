namespace EnergyOperator.Meter.Rapl;

/// <summary>Reads powercap attribute files; replaceable so tests can simulate a root-only <c>energy_uj</c> while running as root.</summary>
internal interface IZoneFileReader
{
    /// <exception cref="UnauthorizedAccessException">The file is not readable by this process.</exception>
    /// <exception cref="IOException">The file is missing or unreadable.</exception>
    string ReadAllText(string path);
}

internal sealed class PhysicalZoneFileReader : IZoneFileReader
{
    public static readonly PhysicalZoneFileReader Instance = new();

    public string ReadAllText(string path) => File.ReadAllText(path);
}
