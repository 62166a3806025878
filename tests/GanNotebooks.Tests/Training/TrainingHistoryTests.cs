using GanNotebooks.Training;

namespace GanNotebooks.Tests.Training;

public class TrainingHistoryTests
{
    [Fact]
    public void SeriesSkipsMissingValuesAndSmoothingIsBiasCorrected()
    {
        var h = new TrainingHistory();
        h.Add(new StepResult(1, 2f, 1f, 0.5f, 0.4f, GradientPenalty: 0.3f));
        h.Add(new StepResult(2, 4f, 1f, 0.5f, 0.4f));
        h.Add(new StepResult(3, 6f, 1f, 0.5f, 0.4f, GradientPenalty: 0.1f));
        Assert.Equal(3, h.Count);
        Assert.Equal(3, h.Last!.Step);

        var (steps, lossD) = h.Series(r => r.LossD);
        Assert.Equal([1L, 2, 3], steps);
        Assert.Equal([2.0, 4, 6], lossD);
        var (gpSteps, gp) = h.Series(r => r.GradientPenalty);
        Assert.Equal([1L, 3], gpSteps);
        Assert.Equal(0.3, gp[0], 6);

        var (_, smooth) = h.Smoothed(r => r.LossD, beta: 0.5);
        Assert.Equal([2.0, (0.5 * 1 + 0.5 * 4) / 0.75, (0.5 * 2.5 + 0.5 * 6) / 0.875], smooth);
    }
}
