using System.Net.Http.Headers;
using k8s.Authentication;

namespace EnergyOperator.Kubernetes.Transport;

/// <summary>
/// A kubeconfig user's <c>tokenFile</c>: read again at least once a minute, as client-go does, and as soon as its
/// modification time changes, so that a rotated token (a projected service-account token, one a sidecar refreshes) is
/// picked up.
/// <see cref="AuthenticationHandler"/> applies it to every attempt through the library's credentials.
/// </summary>
internal sealed class TokenFileProvider : ITokenProvider
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private DateTime _modified;
    private long _readAt;

    /// <summary>Reads the file at once, so that a missing or empty one fails at start rather than on the first request.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file is empty.</exception>
    public TokenFileProvider(string path, TimeProvider time)
    {
        _path = path;
        _time = time;
        (Token, _modified) = Read();
        _readAt = time.GetTimestamp();
    }

    /// <summary>The token last read.</summary>
    public string Token { get; private set; }

    public Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_time.GetElapsedTime(_readAt, now) >= MaxAge || File.GetLastWriteTimeUtc(_path) != _modified)
            {
                try
                {
                    (Token, _modified) = Read();
                    _readAt = now;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    // As client-go does: keep the token read last (the server answers 401 once it has expired) and read
                    // again on the next request; a file being replaced is briefly absent.
                }
            }

            return Task.FromResult(new AuthenticationHeaderValue("Bearer", Token));
        }
    }

    private (string Token, DateTime Modified) Read()
    {
        // The time first: a write between the two leaves a newer time than the one kept, so the file is read again.
        var modified = File.GetLastWriteTimeUtc(_path);
        var token = File.ReadAllText(_path).Trim();
        return token.Length > 0 ? (token, modified) : throw new InvalidDataException($"Token file '{_path}' is empty.");
    }
}
