namespace EnergyOperator.Controllers.Informers;

/// <summary>What a controller needs of an informer regardless of its kind: run it and wait for its first list.</summary>
public interface IInformer
{
    /// <summary>The kind it caches, for logs and metrics.</summary>
    string Kind { get; }

    bool HasSynced { get; }

    /// <summary>Lists, then watches until cancelled; restarts forever on failure. Runs once per informer.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    Task WaitForSyncAsync(CancellationToken cancellationToken);
}
