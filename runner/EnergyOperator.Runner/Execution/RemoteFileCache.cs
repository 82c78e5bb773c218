using System.Security.Cryptography;
using System.Text;

namespace EnergyOperator.Runner.Execution;

/// <summary>Downloads a dataset, model or vocabulary URL once into the cache directory, keyed by a hash of the URL.</summary>
internal sealed class RemoteFileCache(string cacheDirectory, HttpClient http)
{
    public async Task<string> GetAsync(string field, string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new BenchmarkInputException(field, $"'{url}' is not an http(s) URL");
        }

        // One folder per URL keeps the file's own name, which names the dataset in the report.
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16];
        var name = Path.GetFileName(uri.LocalPath) is { Length: > 0 } fileName ? fileName : "download";
        var path = Path.Combine(cacheDirectory, "downloads", key, name);
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
