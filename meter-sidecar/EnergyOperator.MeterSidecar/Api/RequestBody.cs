using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EnergyOperator.MeterSidecar.Api;

/// <summary>Reads a JSON body so that a malformed one gets a 400 naming the expected shape, not an empty answer.</summary>
internal static class RequestBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, string example, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw MeterApiException.BadRequest($"Send the body as JSON (Content-Type: application/json), for example {example}.");
        }

        try
        {
            return await request.ReadFromJsonAsync(type, cancellationToken)
                ?? throw MeterApiException.BadRequest($"The body is null; send {example}.");
        }
        catch (JsonException failure)
        {
            throw MeterApiException.BadRequest($"The body is not the expected JSON ({failure.Message}); send {example}.");
        }
    }
}
