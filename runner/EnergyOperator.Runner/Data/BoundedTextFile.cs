using System.Text;

namespace EnergyOperator.Runner.Data;

/// <summary>
/// Reads a text file the manifest points at, whatever it turns out to be: at most a given number of bytes (a device such as
/// <c>/dev/zero</c> or a FIFO has no length to check up front), strict UTF-8 (a stray Latin-1 byte would otherwise become U+FFFD
/// in texts and label names), and a directory named as such.
/// </summary>
internal static class BoundedTextFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">A directory, larger than <paramref name="maxBytes"/>, unreadable or not UTF-8.</exception>
    public static async Task<string> ReadAsync(string path, long maxBytes, string what, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"{path} is a directory; point the {what} path at a file in it.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{what} file '{path}' does not exist; check its path.", path);
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
                    throw new InvalidDataException($"{path} is larger than {maxBytes:N0} bytes, the most a {what} file may hold; check the path or use a smaller file.");
                }

                buffer.Write(chunk, 0, read);
            }

            bytes = buffer.ToArray();
        }
        catch (Exception e) when (e is (IOException or UnauthorizedAccessException) and not FileNotFoundException)
        {
            throw new InvalidDataException($"{path} cannot be read: {e.Message}", e);
        }

        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var line = bytes.AsSpan(0, Math.Clamp(start + e.Index, 0, bytes.Length)).Count((byte)'\n') + 1;
            throw DatasetFileError.At(path, line, "not UTF-8; convert the file to UTF-8 (iconv -f latin1 -t utf-8, for example).");
        }
    }
}
