using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyOperator.Runner.Models.Generative;

/// <summary>
/// One batch through <see cref="GreedyDecoder"/>: prompts left-padded to the longest, masked out of attention, positions
/// counted from each prompt's first real token (as transformers' generate does), so a padded sequence generates what it would
/// alone.
/// </summary>
internal sealed class DecoderBatch : ITokenGeneration
{
    private const long PaddingId = 0;

    private readonly GreedyDecoder _decoder;
    private readonly DecoderLayout _layout;
    private readonly int _batch;
    private readonly int _promptLength;
    private readonly int _maxNewTokens;
    private readonly int[] _padding;
    private readonly int[][] _tokens;

    // _caches[side][2·layer + 0 (key) or 1 (value)]: the past is read from one side while the present is written to the other.
    private readonly OrtMemoryAllocation[][] _caches;
    private readonly long _cacheBytes;
    private readonly List<OrtValue> _bound = [];
    private float[] _widened = [];
    private int _generated;
    private int _side;

    public DecoderBatch(GreedyDecoder decoder, OrtAllocator allocator, IReadOnlyList<int[]> prompts, int promptLength, int maxNewTokens)
    {
        _decoder = decoder;
        _layout = decoder.Layout;
        _batch = prompts.Count;
        _promptLength = promptLength;
        _maxNewTokens = maxNewTokens;
        _padding = [.. prompts.Select(p => promptLength - p.Length)];
        _tokens = [.. prompts.Select(_ => new int[maxNewTokens])];
        Prompts = prompts;

        _cacheBytes = (long)_batch * _layout.KeyValueHeads * (promptLength + maxNewTokens) * _layout.HeadSize * _layout.CacheElementBytes;
        if (_cacheBytes > uint.MaxValue)
        {
            throw new ArgumentException(
                $"One layer's cache for {_batch} × {promptLength + maxNewTokens} positions takes {_cacheBytes:N0} bytes, over the 4 GiB one ONNX Runtime allocation holds: use a smaller batch or shorter sequences.");
        }

        _caches = [new OrtMemoryAllocation[2 * _layout.Layers], new OrtMemoryAllocation[2 * _layout.Layers]];
        try
        {
            foreach (var side in _caches)
            {
                for (var i = 0; i < side.Length; i++)
                {
                    side[i] = allocator.Allocate((uint)_cacheBytes);
                }
            }
        }
        catch (OnnxRuntimeException e)
        {
            Dispose();
            throw new InvalidDataException(
                $"Allocating the KV cache of model '{decoder.ModelName}' for {_batch} × {promptLength + maxNewTokens} positions failed: {e.Message}", e);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<int[]> Prompts { get; }

    public IReadOnlyList<int[]> Tokens => _tokens;

    public void Prefill(CancellationToken cancellationToken)
    {
        if (_generated != 0)
        {
            throw new InvalidOperationException("The batch was already prefilled.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var ids = new long[_batch * _promptLength];
        var positions = new long[_batch * _promptLength];
        for (var row = 0; row < _batch; row++)
        {
            var prompt = Prompts[row];
            var offset = row * _promptLength;
            ids.AsSpan(offset, _padding[row]).Fill(PaddingId);
            for (var i = 0; i < prompt.Length; i++)
            {
                ids[offset + _padding[row] + i] = prompt[i];
                positions[offset + _padding[row] + i] = i;
            }
        }

        Step(ids, positions, _promptLength);
    }

    public int Generated => _generated;

    public void Decode(CancellationToken cancellationToken)
    {
        if (_generated != 1)
        {
            throw new InvalidOperationException("Decode follows one prefill.");
        }

        while (DecodeStep(cancellationToken))
        {
        }
    }

    public bool DecodeStep(CancellationToken cancellationToken)
    {
        if (_generated == 0)
        {
            throw new InvalidOperationException("Decoding follows the prefill.");
        }

        if (_generated == _maxNewTokens)
        {
            return false;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var ids = new long[_batch];
        var positions = new long[_batch];
        for (var row = 0; row < _batch; row++)
        {
            ids[row] = _tokens[row][_generated - 1];
            positions[row] = _promptLength - _padding[row] + _generated - 1;
        }

        Step(ids, positions, 1);
        return true;
    }

    public void RewindToStart() => (_generated, _side) = (0, 0);

    public void Dispose()
    {
        ReleaseBound();
        foreach (var side in _caches)
        {
            foreach (var allocation in side)
            {
                allocation?.Dispose();
            }
        }
    }

    /// <summary>One forward pass over <paramref name="newLength"/> new positions per sequence; appends each argmax.</summary>
    private void Step(long[] ids, long[] positions, int newLength)
    {
        var binding = _decoder.Binding;
        var pastLength = _generated == 0 ? 0 : _promptLength + _generated - 1;
        var totalLength = pastLength + newLength;
        try
        {
            binding.ClearBoundInputs();
            binding.ClearBoundOutputs();
            BindHost(DecoderLayout.InputIds, ids, [_batch, newLength]);
            BindHost(DecoderLayout.AttentionMask, Mask(totalLength), [_batch, totalLength]);
            if (_layout.HasPositionIds)
            {
                BindHost(DecoderLayout.PositionIds, positions, [_batch, newLength]);
            }

            // Logits come back to the host for the argmax; ORT allocates them, as their length depends on the export.
            binding.BindOutputToDevice(DecoderLayout.Logits, OrtMemoryInfo.DefaultInstance);
            for (var layer = 0; layer < _layout.Layers; layer++)
            {
                binding.BindInput(DecoderLayout.PastKey(layer), _layout.CacheType, CacheShape(pastLength), _caches[_side][2 * layer]);
                binding.BindInput(DecoderLayout.PastValue(layer), _layout.CacheType, CacheShape(pastLength), _caches[_side][(2 * layer) + 1]);
                binding.BindOutput(DecoderLayout.PresentKey(layer), _layout.CacheType, CacheShape(totalLength), _caches[1 - _side][2 * layer]);
                binding.BindOutput(DecoderLayout.PresentValue(layer), _layout.CacheType, CacheShape(totalLength), _caches[1 - _side][(2 * layer) + 1]);
            }

            _decoder.Session.RunWithBinding(_decoder.RunOptions, binding);
            binding.SynchronizeBoundOutputs();
            using var outputs = binding.GetOutputValues();
            AppendArgmax(outputs[0]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException(
                $"Running model '{_decoder.ModelName}' on a batch of {_batch} × {totalLength} positions failed: {e.Message}", e);
        }
        finally
        {
            ReleaseBound();
        }

        _side = 1 - _side;
        _generated++;
    }

    /// <summary>[batch, total]: 0 over each sequence's left padding, 1 elsewhere (generated tokens are all real).</summary>
    private long[] Mask(int totalLength)
    {
        var mask = new long[_batch * totalLength];
        for (var row = 0; row < _batch; row++)
        {
            mask.AsSpan((row * totalLength) + _padding[row], totalLength - _padding[row]).Fill(1);
        }

        return mask;
    }

    private void AppendArgmax(OrtValue logits)
    {
        var shape = logits.GetTensorTypeAndShape().Shape;
        var positions = (int)shape[1];
        var vocabulary = (int)shape[2];
        if (_layout.LogitsType == TensorElementType.Float16 && _widened.Length < vocabulary)
        {
            _widened = new float[vocabulary];
        }

        for (var row = 0; row < _batch; row++)
        {
            // The last position of each row: the export may return every position or the last one only.
            var offset = ((row * positions) + positions - 1) * vocabulary;
            _tokens[row][_generated] = _layout.LogitsType == TensorElementType.Float16
                ? LogitsArgmax.Of(logits.GetTensorDataAsSpan<Float16>().Slice(offset, vocabulary), _widened)
                : LogitsArgmax.Of(logits.GetTensorDataAsSpan<float>().Slice(offset, vocabulary));
        }
    }

    /// <summary>A prefix of a cache buffer: [batch, heads, length, head size] is contiguous in the first bytes of it.</summary>
    private long[] CacheShape(int length) => [_batch, _layout.KeyValueHeads, length, _layout.HeadSize];

    private void BindHost(string name, long[] values, long[] shape)
    {
        var value = OrtValue.CreateTensorValueFromMemory(values, shape);
        _bound.Add(value);
        _decoder.Binding.BindInput(name, value);
    }

    private void ReleaseBound()
    {
        foreach (var value in _bound)
        {
            value.Dispose();
        }

        _bound.Clear();
    }
}
