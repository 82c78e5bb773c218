using System.Globalization;

namespace EnergyOperator.Meter.Rapl;

/// <summary>Reads powercap attributes and turns every failure into a <see cref="PowercapReadException"/> with the fix.</summary>
internal sealed class PowercapFiles(IZoneFileReader reader)
{
    public string ReadText(string path)
    {
        try
        {
            return reader.ReadAllText(path).Trim();
        }
        catch (UnauthorizedAccessException)
        {
            throw new PowercapReadException(
                $"{path} is readable by root only (CVE-2020-8694): run the meter as root (a privileged container), or grant it read access to energy_uj (for example a udev or tmpfiles.d rule)");
        }
        catch (IOException failure)
        {
            throw new PowercapReadException($"{path} could not be read ({failure.Message}): check that the powercap tree is mounted completely");
        }
    }

    public ulong ReadCounter(string path)
    {
        var text = ReadText(path);
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PowercapReadException($"{path} holds '{text}', not a counter: point the powercap root at a powercap sysfs tree");
    }

    /// <summary>Reads an optional counter attribute; null when the file does not exist.</summary>
    public ulong? ReadOptionalCounter(string path) => File.Exists(path) ? ReadCounter(path) : null;
}
