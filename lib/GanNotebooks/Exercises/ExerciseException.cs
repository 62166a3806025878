namespace GanNotebooks.Exercises;

/// <summary>
/// A check cell's verdict when an exercise is not done yet or not right: the message says which exercise and, for a
/// wrong answer, what is wrong. Thrown (rather than printed) so that running a whole notebook stops at the first
/// exercise that needs work. It prints as its message only: the stack trace would point into the checking code,
/// not into the student's, and says nothing the message does not.
/// </summary>
public sealed class ExerciseException : Exception
{
    /// <summary>Creates the verdict for exercise <paramref name="exerciseId"/>.</summary>
    /// <param name="exerciseId">"3.2", as the exercise's cell names it.</param>
    /// <param name="message">The whole explanation shown to the student.</param>
    /// <param name="notDone">True when the student's code still throws <see cref="NotImplementedException"/>.</param>
    public ExerciseException(string exerciseId, string message, bool notDone) : base(message)
    {
        ExerciseId = exerciseId;
        NotDone = notDone;
    }

    /// <summary>The exercise, e.g. "3.2".</summary>
    public string ExerciseId { get; }

    /// <summary>True when the exercise is not done yet (its stub still throws), false when the answer is wrong.</summary>
    public bool NotDone { get; }

    /// <summary>
    /// Empty: the trace would point into the checking code, not the student's. (Empty, not null: the .NET Interactive
    /// kernel 1.0 formats the trace of a failed cell and never answers when it is null.)
    /// </summary>
    public override string StackTrace => "";

    /// <summary>The message alone (notebook front ends print <c>ToString()</c>).</summary>
    public override string ToString() => Message;
}
