using System.Security.Cryptography;
using System.Text;

namespace EnergyOperator.Runner.Execution;

/// <summary>Downloads a dataset, model or vocabulary URL once into the cache directory, keyed by a hash of the URL.</summary>
internal sealed class RemoteFileCache(string cacheDirectory, HttpClient http)
{
    public async Task<string> GetAsync(string field, string url, CancellationToken cancellationToken)
    {
        var uri = new Uri(url);
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16] + "-" + Path.GetFileName(uri.LocalPath);
        var path = Path.Combine(cacheDirectory, "downloads", name);
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchmarkInputException(field, $"downloading {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}; check the URL");
            }

            await using (var file = File.Create(partial))
            {
                await response.Content.CopyToAsync(file, cancellationToken);
            }

            // Rename last so an interrupted download is never taken for a complete file.
            File.Move(partial, path, overwrite: true);
            return path;
        }
        catch (HttpRequestException e)
        {
            throw new BenchmarkInputException(field, $"downloading {url} failed: {e.Message}; check the URL and the network", e);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
