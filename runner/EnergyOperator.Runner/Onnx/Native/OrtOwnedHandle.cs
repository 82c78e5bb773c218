using System.Runtime.InteropServices;

namespace EnergyOperator.Runner.Onnx.Native;

/// <summary>
/// An ORT object we own, released exactly once through its <c>Release*</c> function: by Dispose, or by the
/// finalizer if the owner was forgotten. Disposing twice is a no-op (SafeHandle guarantees it).
/// </summary>
internal sealed class OrtOwnedHandle : SafeHandle
{
    private readonly Action<nint> _release;

    public OrtOwnedHandle(nint handle, Action<nint> release)
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
        _release = release;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        _release(handle);
        return true;
    }
}
