using System.Text;

namespace EnergyOperator.Contracts.IO;

/// <summary>
/// Reads a text file a user points at, whatever it turns out to be: at most a given number of bytes (a device such as
/// <c>/dev/zero</c> or a FIFO has no length to check up front), strict UTF-8 (a stray Latin-1 byte would otherwise become
/// U+FFFD silently; a byte-order mark is allowed), and a directory named as such. Manifests, datasets and vocabularies use it.
/// </summary>
public static class BoundedTextFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="TextFileException">A directory, larger than <paramref name="maxBytes"/>, unreadable or not UTF-8.</exception>
    public static async Task<string> ReadAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new TextFileException("is a directory: point at a file");
        }

        byte[] bytes;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
            using var buffer = new MemoryStream();
            var chunk = new byte[81_920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new TextFileException($"is larger than {maxBytes:N0} bytes, the most it may hold: check the path or use a smaller file");
                }

                buffer.Write(chunk, 0, read);
            }

            bytes = buffer.ToArray();
        }
        catch (DirectoryNotFoundException e)
        {
            throw new FileNotFoundException(e.Message, path, e);
        }
        catch (Exception e) when (e is (IOException or UnauthorizedAccessException) and not FileNotFoundException)
        {
            throw new TextFileException($"cannot be read: {e.Message}");
        }

        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var line = bytes.AsSpan(0, Math.Clamp(start + e.Index, 0, bytes.Length)).Count((byte)'\n') + 1;
            throw new TextFileException("is not UTF-8: convert it to UTF-8 (iconv -f latin1 -t utf-8, for example)", line);
        }
    }
}

/// <summary>A file that cannot be read as bounded UTF-8 text; <see cref="Problem"/> says why, without the path.</summary>
public sealed class TextFileException(string problem, int? line = null)
    : Exception(line is { } l ? $"line {l} {problem}" : problem)
{
    public string Problem { get; } = problem;

    /// <summary>The line of the first invalid byte, for encoding errors.</summary>
    public int? Line { get; } = line;
}
