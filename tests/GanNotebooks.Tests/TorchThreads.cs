using System.Runtime.CompilerServices;

namespace GanNotebooks.Tests;

/// <summary>
/// One intra-op thread for torch in the tests. xunit already runs test classes in parallel on every core; letting
/// each torch op also spread over all cores oversubscribes the CPU, and under load (a 2-core CI box) the spin-waits
/// of the thread pool make tiny tensor ops 5-10× slower. One thread per op also makes CPU results repeatable.
/// </summary>
internal static class TorchThreads
{
    [ModuleInitializer]
    internal static void UseOneThreadPerOp() => torch.set_num_threads(1);
}
