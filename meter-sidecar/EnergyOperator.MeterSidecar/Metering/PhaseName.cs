using System.Text.RegularExpressions;
using EnergyOperator.MeterSidecar.Api;

namespace EnergyOperator.MeterSidecar.Metering;

/// <summary>
/// Window names are DNS labels (<c>inference</c>, <c>idle-baseline</c>): safe as a Prometheus label, a file name and
/// a Kubernetes annotation value, and impossible to confuse by case or whitespace.
/// </summary>
internal static partial class PhaseName
{
    /// <exception cref="MeterApiException">400 with the rule and an example.</exception>
    public static string Validate(string? phase)
    {
        if (phase is null || !Pattern().IsMatch(phase))
        {
            var shown = phase is { Length: > 64 } ? $"{phase[..63]}…" : phase;
            throw MeterApiException.BadRequest(
                $"Phase '{shown}' is not a valid window name: use 1–63 lowercase letters, digits and '-', starting and ending with a letter or digit (for example \"inference\" or \"idle-baseline\").");
        }

        return phase;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex Pattern();
}
