using System.Collections.Concurrent;
using System.Net;
using EnergyOperator.Testing;

namespace EnergyOperator.Runner.Tests.Execution;

/// <summary>Serves fixed files over HTTP on 127.0.0.1 (404 for anything else) and counts the requests for each path.</summary>
internal sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyDictionary<string, byte[]> _files;
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly Task _serving;

    /// <param name="files">Bodies by absolute path, e.g. "/data/inbox.jsonl".</param>
    public LoopbackFileServer(IReadOnlyDictionary<string, byte[]> files)
    {
        _files = files;
        BaseUrl = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>"http://127.0.0.1:PORT", without a trailing slash.</summary>
    public string BaseUrl { get; }

    public int RequestsFor(string path) => _requests.GetValueOrDefault(path);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            _requests.AddOrUpdate(path, 1, (_, count) => count + 1);
            using var response = context.Response;
            if (_files.TryGetValue(path, out var body))
            {
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
            }
            else
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
            }
        }
    }

}
