using System.Reflection;

namespace GanNotebooks;

/// <summary>
/// The .NET Interactive kernel (VS Code Polyglot Notebooks, its Jupyter kernel), reached by reflection so that the
/// library references none of it: the one place that finds the kernel's assembly and the running cell's
/// <c>KernelInvocationContext</c>, for <see cref="Display.LiveDisplay"/> and <see cref="Training.StopSignal"/>.
/// </summary>
internal static class InteractiveKernel
{
    const string AssemblyName = "Microsoft.DotNet.Interactive";

    /// <summary>The kernel's assembly when this process is the kernel, else null.</summary>
    public static Assembly? Assembly =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == AssemblyName);

    /// <summary>True inside the kernel.</summary>
    public static bool IsLoaded => Assembly is not null;

    /// <summary><c>KernelInvocationContext.Current</c> and its type; null outside a running kernel cell.</summary>
    public static (object Context, Type ContextType, Assembly Kernel)? CurrentContext()
    {
        var kernel = Assembly;
        var contextType = kernel?.GetType($"{AssemblyName}.KernelInvocationContext");
        var context = contextType?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        return context is null ? null : (context, contextType!, kernel!);
    }

    /// <summary>A type of the kernel's assembly by its name within the namespace, e.g. "KernelInvocationContextExtensions".</summary>
    public static Type? Type(Assembly kernel, string name) => kernel.GetType($"{AssemblyName}.{name}");
}
