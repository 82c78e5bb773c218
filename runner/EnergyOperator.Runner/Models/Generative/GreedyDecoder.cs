using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace EnergyOperator.Runner.Models.Generative;

/// <summary>
/// Greedy decoding of an ONNX decoder through IOBinding. The KV cache lives in two buffers per layer and tensor, allocated once
/// per batch where the execution provider computes (host memory on CPU, device memory on CUDA): each step reads the past from
/// one and writes the present into the other, so the cache never crosses to the host and no step allocates it. Only the ids,
/// the mask and the logits cross. Not thread-safe: one batch at a time.
/// </summary>
public sealed class GreedyDecoder : ITokenGenerator, IDisposable
{
    private readonly OrtAllocator _cacheAllocator;
    private readonly bool _ownsAllocator;

    private GreedyDecoder(InferenceSession session, string modelName, OrtMemoryInfo cacheMemory, int? maxPositions)
    {
        Session = session;
        ModelName = modelName;
        Layout = DecoderLayout.Of(session, modelName);
        CacheMemory = cacheMemory;
        MaxPositions = maxPositions;
        _ownsAllocator = !ReferenceEquals(cacheMemory, OrtMemoryInfo.DefaultInstance);
        _cacheAllocator = _ownsAllocator ? new OrtAllocator(session, cacheMemory) : OrtAllocator.DefaultInstance;
        Binding = session.CreateIoBinding();
    }

    public int VocabularySize => Layout.VocabularySize;

    public int? MaxPositions { get; }

    internal InferenceSession Session { get; }

    internal string ModelName { get; }

    internal DecoderLayout Layout { get; }

    internal OrtMemoryInfo CacheMemory { get; }

    internal OrtIoBinding Binding { get; }

    internal RunOptions RunOptions { get; } = new();

    /// <summary>Takes ownership of <paramref name="session"/>.</summary>
    /// <param name="maxPositions">The model's context (provenance.json); null: unchecked.</param>
    /// <exception cref="InvalidDataException">The model is not a decoder with a KV cache the engine can drive.</exception>
    public static GreedyDecoder Create(InferenceSession session, string modelName, OnnxSessionSettings settings, int? maxPositions)
    {
        var memory = settings.Provider == ExecutionProvider.Cuda
            ? new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, settings.Cuda.DeviceId, OrtMemType.Default)
            : OrtMemoryInfo.DefaultInstance;
        try
        {
            return new GreedyDecoder(session, modelName, memory, maxPositions);
        }
        catch
        {
            if (!ReferenceEquals(memory, OrtMemoryInfo.DefaultInstance))
            {
                memory.Dispose();
            }

            session.Dispose();
            throw;
        }
    }

    public ITokenGeneration Start(IReadOnlyList<int[]> prompts, int maxNewTokens)
    {
        ArgumentOutOfRangeException.ThrowIfZero(prompts.Count, nameof(prompts));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNewTokens, 1);
        var promptLength = prompts.Max(p => p.Length);
        if (prompts.Any(p => p.Length == 0))
        {
            throw new ArgumentException("Every prompt needs at least one token.", nameof(prompts));
        }

        if (MaxPositions is { } max && promptLength + maxNewTokens > max)
        {
            throw new ArgumentException($"{promptLength} prompt + {maxNewTokens} new tokens exceed the model's {max} positions.", nameof(maxNewTokens));
        }

        if (prompts.SelectMany(p => p).Any(id => (uint)id >= (uint)VocabularySize))
        {
            throw new ArgumentException($"A prompt holds a token id outside the model's vocabulary of {VocabularySize}.", nameof(prompts));
        }

        return new DecoderBatch(this, _cacheAllocator, prompts, promptLength, maxNewTokens);
    }

    public void Dispose()
    {
        Binding.Dispose();
        RunOptions.Dispose();
        if (_ownsAllocator)
        {
            _cacheAllocator.Dispose();
            CacheMemory.Dispose();
        }

        Session.Dispose();
    }
}
