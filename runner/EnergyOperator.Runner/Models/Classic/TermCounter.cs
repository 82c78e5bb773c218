namespace EnergyOperator.Runner.Models.Classic;

/// <summary>
/// Counts occurrences per feature index for one text: an open-addressing table that is cleared in O(distinct terms)
/// and reused, so featurizing allocates nothing once it has grown to the largest text seen.
/// </summary>
internal sealed class TermCounter
{
    private const int Empty = -1;
    private int[] slots = CreateSlots(1024);
    private float[] slotCounts = new float[1024];
    private int[] used = new int[512];
    private int shift = 32 - 10;

    public int Count { get; private set; }

    public void Add(int featureIndex)
    {
        int mask = slots.Length - 1;
        int slot = SlotOf(featureIndex);
        while (true)
        {
            int key = slots[slot];
            if (key == featureIndex)
            {
                slotCounts[slot] += 1f;
                return;
            }

            if (key == Empty)
            {
                break;
            }

            slot = (slot + 1) & mask;
        }

        slots[slot] = featureIndex;
        slotCounts[slot] = 1f;
        used[Count++] = slot;
        if (Count == used.Length)
        {
            Grow();
        }
    }

    /// <summary>Copies the distinct feature indices and their counts (in insertion order) into the given buffers.</summary>
    public void CopyTo(Span<int> indices, Span<float> counts)
    {
        for (int i = 0; i < Count; i++)
        {
            int slot = used[i];
            indices[i] = slots[slot];
            counts[i] = slotCounts[slot];
        }
    }

    public void Clear()
    {
        for (int i = 0; i < Count; i++)
        {
            slots[used[i]] = Empty;
        }

        Count = 0;
    }

    // Fibonacci hashing: the feature index is a masked hash already, but multiplying spreads runs of nearby indices.
    private int SlotOf(int featureIndex) => (int)(((uint)featureIndex * 0x9E3779B9u) >> shift);

    // Keeps the load factor at or under one half.
    private void Grow()
    {
        int[] oldSlots = slots;
        float[] oldCounts = slotCounts;
        int[] oldUsed = used;
        slots = CreateSlots(oldSlots.Length * 2);
        slotCounts = new float[slots.Length];
        used = new int[slots.Length / 2];
        shift--;
        int count = Count;
        Count = 0;
        int mask = slots.Length - 1;
        for (int i = 0; i < count; i++)
        {
            int key = oldSlots[oldUsed[i]];
            int slot = SlotOf(key);
            while (slots[slot] != Empty)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = key;
            slotCounts[slot] = oldCounts[oldUsed[i]];
            used[Count++] = slot;
        }
    }

    private static int[] CreateSlots(int length)
    {
        var array = new int[length];
        Array.Fill(array, Empty);
        return array;
    }
}
