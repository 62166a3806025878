namespace GanNotebooks.Data;

/// <summary>
/// A dataset file is missing, corrupt or not what it should be. The message says which file, what is wrong with it,
/// and what to do about it.
/// Taught in notebook 01 (the data cell; its message says what to do).
/// </summary>
public sealed class DatasetException : Exception
{
    /// <summary>Creates the exception; <paramref name="filePath"/> is the file concerned, when there is one.</summary>
    public DatasetException(string message, string? filePath = null, Exception? innerException = null)
        : base(message, innerException) => FilePath = filePath;

    /// <summary>The file the problem is about (null when it is not about one file).</summary>
    public string? FilePath { get; }
}
