using GanNotebooks.Exercises;

namespace GanNotebooks.Tests.Exercises;

/// <summary>The shared machinery of the checks: stubs, exceptions from the student's code, tolerance, the message format.</summary>
public class ExerciseTests
{
    [Fact]
    public void AStubThatStillThrowsIsNotDoneYetNamingTheExercise()
    {
        var e = Assert.Throws<ExerciseException>(() =>
            Ch03.CheckGeneratorLoss(_ => throw new NotImplementedException("Exercise 3.2: the LSGAN generator loss")));

        Assert.True(e.NotDone);
        Assert.Equal("3.2", e.ExerciseId);
        Assert.StartsWith("not done yet — Exercise 3.2: the LSGAN generator loss.", e.Message);
        Assert.Equal(e.Message, e.ToString());           // no stack trace when a front end prints it
    }

    [Fact]
    public void AnExceptionFromTheStudentsCodeIsAWrongAnswerThatNamesIt()
    {
        var e = Assert.Throws<ExerciseException>(() => Ch08.CheckCrossEntropy((p, q) => p[5]));

        Assert.False(e.NotDone);
        Assert.StartsWith("✗ Exercise 8.1: your code threw IndexOutOfRangeException", e.Message);
    }

    [Fact]
    public void ALossThatIsNotOneNumberAsksForTheMean()
    {
        var e = Assert.Throws<ExerciseException>(() => Ch03.CheckGeneratorLoss(d => 0.5 * (d - 1).square()));

        Assert.Equal("✗ Exercise 3.2: your L_G has shape [3]; a loss is one number: did you forget to average over the batch (.mean())?", e.Message);
    }

    [Fact]
    public void CorrectPrintsAndReturnsTheTickLine()
    {
        Assert.Equal("✓ Exercise 3.2 correct", Ch03.CheckGeneratorLoss(d => 0.5 * (d - 1).square().mean()));
    }

    [Theory]
    [InlineData(1.0, 1.00005, true)]
    [InlineData(1.0, 1.001, false)]
    [InlineData(1000.0, 1000.05, true)]       // relative for large values
    [InlineData(double.NaN, 1.0, false)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity, true)]
    public void CloseIsAbsoluteNearZeroAndRelativeForLargeValues(double actual, double expected, bool close) =>
        Assert.Equal(close, Exercise.Close(actual, expected));

    [Fact]
    public void AWrongAnswerThatMatchesNoKnownMistakeSaysOnlyWhatItIsAndWhatWasExpected()
    {
        var e = Assert.Throws<ExerciseException>(() => Exercise.Expect("9.9", "your x", 3, 2, new Mistake(4, "never shown")));

        Assert.Equal("✗ Exercise 9.9: your x is 3; expected 2.", e.Message);
    }
}
