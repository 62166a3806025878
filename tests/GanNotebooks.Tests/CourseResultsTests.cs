using System.Text.Json;
using GanNotebooks.Tests.Training;

namespace GanNotebooks.Tests;

/// <summary>The course's kept results tables (<see cref="CourseResults"/>, notebook 10's full budget): what a class
/// reads back, and the errors a missing, damaged or wrong file gives.</summary>
public sealed class CourseResultsTests
{
    static CourseResult Table(string name = "10-capstone") => new(name, "10", "3,000 generator steps per variant and seed",
        "test machine", "2026-12-05", "fashion-mnist", 10_000,
        [new("DCGAN", 42, 3000, 38.6, 6.8, 120.5), new("DCGAN", 43, 3000, 40.1, 6.7, 119.5), new("MLP GAN", 42, 3000, 150.25, 4.5, 60)]);

    [Fact]
    public void ATableReadsBackAsWrittenAndItsLabelSumsTheTrainingTime()
    {
        using var folder = new TempFolder();
        string path = CourseResults.Save(Table(), folder.Path);
        Assert.Equal(Path.Combine(folder.Path, "10-capstone.json"), path);

        var back = CourseResults.Load("10-capstone", folder.Path);
        Assert.Equal(Table().Runs, back.Runs);                      // record equality: every field of every run, in order
        Assert.Equal("test machine", back.Machine);
        Assert.Equal(300.0, back.TrainSeconds, 9);                   // 120.5 + 119.5 + 60 by hand
        Assert.Contains("3 runs, 5 min 00 s of training", back.Label);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));   // no temp file left behind
        using var json = JsonDocument.Parse(File.ReadAllText(path));  // plain JSON a reader can check by eye
        Assert.Equal(150.25, json.RootElement.GetProperty("Runs")[2].GetProperty("Fid").GetDouble());
    }

    [Fact]
    public void AMissingDamagedOrForeignTableIsAnErrorThatSaysHowToRestoreIt()
    {
        using var folder = new TempFolder();
        var missing = Assert.Throws<FileNotFoundException>(() => CourseResults.Load("10-capstone", folder.Path));
        Assert.Contains("tools/build-course.sh 10-capstone", missing.Message);

        string path = CourseResults.Save(Table(), folder.Path);
        string whole = File.ReadAllText(path);
        File.WriteAllText(path, whole[..(whole.Length / 2)]);          // cut off mid-file
        var damaged = Assert.Throws<InvalidDataException>(() => CourseResults.Load("10-capstone", folder.Path));
        Assert.Contains("damaged", damaged.Message);
        Assert.Contains("git checkout -- data/course", damaged.Message);

        File.WriteAllText(path, whole.Replace("\"Name\": \"10-capstone\"", "\"Name\": \"09-ema\"", StringComparison.Ordinal));
        var foreign = Assert.Throws<InvalidDataException>(() => CourseResults.Load("10-capstone", folder.Path));
        Assert.Contains("its name is '09-ema'", foreign.Message);
    }

    [Fact]
    public void AnEmptyTableIsNotKeptAndTheOldOneStays()
    {
        using var folder = new TempFolder();
        string path = CourseResults.Save(Table(), folder.Path);
        string before = File.ReadAllText(path);
        var e = Assert.Throws<ArgumentException>(() => CourseResults.Save(Table() with { Runs = [] }, folder.Path));
        Assert.Contains("no runs", e.Message);
        Assert.Equal(before, File.ReadAllText(path));
    }
}
