namespace EnergyOperator.Kubernetes.Transport;

/// <summary>Supplies the bearer token; <c>refresh</c> asks for a fresh read after the server answered 401.</summary>
internal interface ITokenSource
{
    bool CanRefresh { get; }

    ValueTask<string?> GetTokenAsync(bool refresh, CancellationToken cancellationToken);
}

internal sealed class StaticTokenSource(string? token) : ITokenSource
{
    public bool CanRefresh => false;

    public ValueTask<string?> GetTokenAsync(bool refresh, CancellationToken cancellationToken) => ValueTask.FromResult(token);
}

/// <summary>Re-reads a token file every <c>interval</c>: kubelet rotates projected service-account tokens in place.</summary>
internal sealed class FileTokenSource(string path, TimeSpan interval, TimeProvider time) : ITokenSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private long _readAt;

    public bool CanRefresh => true;

    public async ValueTask<string?> GetTokenAsync(bool refresh, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (refresh || _token is null || time.GetElapsedTime(_readAt) >= interval)
            {
                _token = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
                _readAt = time.GetTimestamp();
            }

            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
