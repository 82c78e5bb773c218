using System.Runtime.InteropServices;

namespace EnergyOperator.Kubernetes.Testing.Kubelet;

/// <summary>SIGTERM, which <see cref="System.Diagnostics.Process"/> cannot send (its Kill is SIGKILL).</summary>
internal static class Signals
{
    private const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        if (SendSignal(processId, SigTerm) != 0 && Marshal.GetLastPInvokeError() != 3 /* ESRCH: already gone */)
        {
            throw new InvalidOperationException($"kill({processId}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project for one call.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int sig);
#pragma warning restore SYSLIB1054
}
