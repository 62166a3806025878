using GanNotebooks.Ipynb;

namespace GanNotebooks.Runner.Engines;

/// <summary>Reads a notebook for the runner: a file that is missing or no notebook is a problem the user fixes, said so.</summary>
internal static class NotebookLoader
{
    /// <exception cref="NotebookException">The file cannot be read or is not an nbformat 4 notebook; the message says why and what to do.</exception>
    public static Notebook Load(string path)
    {
        try
        {
            return Notebook.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new NotebookException($"cannot read the notebook: {e.Message} Fix the JSON (open it in VS Code, or restore it from git).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookException($"cannot read the notebook: {e.Message}");
        }
    }
}
