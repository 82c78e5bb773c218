using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace EnergyOperator.Runner.Models.Classic;

/// <summary>
/// MurmurHash3 x86 32-bit. Feature indices are persisted in model files and baked into exported ONNX models,
/// so the hash must give the same value in every process and on every machine; <see cref="string.GetHashCode()"/>
/// is randomized per process and would silently scramble a saved model.
/// </summary>
internal static class StableHash
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    /// <summary>Hashes the UTF-16LE code units of <paramref name="text"/> (no allocation, no encoding step).</summary>
    public static uint Murmur3(ReadOnlySpan<char> text, uint seed) => Murmur3(MemoryMarshal.AsBytes(text), seed);

    public static uint Murmur3(ReadOnlySpan<byte> data, uint seed)
    {
        uint h = seed;
        int blockBytes = data.Length & ~3;
        for (int i = 0; i < blockBytes; i += 4)
        {
            h ^= MixBlock(BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i, 4)));
            h = BitOperations.RotateLeft(h, 13) * 5 + 0xe6546b64;
        }

        uint tail = 0;
        switch (data.Length & 3)
        {
            case 3: tail ^= (uint)data[blockBytes + 2] << 16; goto case 2;
            case 2: tail ^= (uint)data[blockBytes + 1] << 8; goto case 1;
            case 1: tail ^= data[blockBytes]; h ^= MixBlock(tail); break;
        }

        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }

    private static uint MixBlock(uint k) => BitOperations.RotateLeft(k * C1, 15) * C2;
}
