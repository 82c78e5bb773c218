using System.Security.Cryptography;
using System.Text;

namespace EnergyOperator.Runner.Execution;

/// <summary>
/// Downloads a dataset, model or vocabulary URL once into the cache directory, keyed by a hash of the URL, at most
/// <c>maxBytes</c> long. Errors show the URL redacted (<see cref="RedactedUrl"/>).
/// </summary>
internal sealed class RemoteFileCache(string cacheDirectory, long maxBytes, HttpClient http)
{
    /// <summary>Longest file name kept from the URL: file systems allow 255 bytes, and the name also labels the dataset.</summary>
    private const int MaxNameLength = 100;

    public async Task<string> GetAsync(string field, string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new BenchmarkInputException(field, $"'{RedactedUrl.Of(url)}' is not an http(s) URL");
        }

        // One folder per URL keeps the file's own name, which names the dataset in the report.
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16];
        var path = Path.Combine(cacheDirectory, "downloads", key, FileNameOf(uri));
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        var shown = RedactedUrl.Of(url);
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchmarkInputException(field, $"downloading {shown} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}; check the URL");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw TooLarge(field, shown);
            }

            await using (var file = File.Create(partial))
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                var buffer = new byte[81_920];
                long total = 0;
                int read;
                // Counted, not trusted to Content-Length: a chunked or lying response could otherwise fill the disk.
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        throw TooLarge(field, shown);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            // Rename last so an interrupted download is never taken for a complete file.
            File.Move(partial, path, overwrite: true);
            return path;
        }
        catch (HttpRequestException e)
        {
            throw new BenchmarkInputException(field, $"downloading {shown} failed: {e.Message}; check the URL and the network", e);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>The URL's file name, reduced to characters safe in any file system, and shortened keeping its extension.</summary>
    internal static string FileNameOf(Uri uri)
    {
        var name = new string(Path.GetFileName(uri.LocalPath).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).Trim('.');
        if (name.Length == 0)
        {
            return "download";
        }

        if (name.Length <= MaxNameLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name) is { Length: <= 16 } kept ? kept : "";
        return name[..(MaxNameLength - extension.Length)] + extension;
    }

    private BenchmarkInputException TooLarge(string field, string shown) =>
        new(field, $"{shown} is larger than {maxBytes:N0} bytes, the most a download may hold; check the URL");
}
