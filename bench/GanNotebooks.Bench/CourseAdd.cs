using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GanNotebooks.Data;
using GanNotebooks.Metrics;
using GanNotebooks.Training;
using TorchSharp;

namespace GanNotebooks.Bench;

/// <summary>
/// <c>bench course-add</c>: makes one epoch of a <see cref="Curve"/> run a course checkpoint: copies its generator-only
/// fp16 file into data/course/, scores that file's weights again (so the manifest's numbers are those of the float16
/// weights a class loads) and writes its manifest entry with the run's training time and machine.
/// </summary>
public static class CourseAdd
{
    public static Command Command()
    {
        var name = new Option<string>("--name") { Required = true, Description = "Checkpoint name, e.g. 02-dcgan." };
        var chapter = new Option<string>("--chapter") { Required = true, Description = "Notebook number, e.g. 02." };
        var title = new Option<string>("--title") { Required = true, Description = "The model, e.g. DCGAN." };
        var recipe = new Option<string>("--recipe") { Required = true, Description = "The recipe in words, e.g. \"10 epochs, batch 128, features 32\"." };
        var from = new Option<string>("--from") { Required = true, Description = "The curve run's folder (curve.jsonl, epoch-NN.zip)." };
        var epoch = new Option<int>("--epoch") { Required = true, Description = "Which epoch's generator." };
        var folder = new Option<string?>("--folder") { Description = "Where the course checkpoints go (default data/course)." };
        var command = new Command("course-add", "Copies one epoch of a curve run into data/course/ as a course checkpoint, scored again.")
        {
            name, chapter, title, recipe, from, epoch, folder,
        };
        command.SetAction(p => Run(p.GetValue(name)!, p.GetValue(chapter)!, p.GetValue(title)!, p.GetValue(recipe)!,
            p.GetValue(from)!, p.GetValue(epoch), p.GetValue(folder)));
        return command;
    }

    static int Run(string name, string chapter, string title, string recipe, string from, int epoch, string? folder)
    {
        folder ??= CourseCheckpoints.Folder;
        var point = File.ReadLines(Path.Combine(from, "curve.jsonl")).Select(l => JsonSerializer.Deserialize<CurvePoint>(l)!)
            .FirstOrDefault(p => p.Epoch == epoch) ?? throw new ArgumentException($"{from}/curve.jsonl has no epoch {epoch}.");
        string recipeFile = File.ReadAllText(Path.Combine(from, "recipe.txt"));
        int threads = int.Parse(System.Text.RegularExpressions.Regex.Match(recipeFile, @"threads (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Directory.CreateDirectory(folder);
        string target = Path.Combine(folder, name + ".zip");
        File.Copy(Path.Combine(from, point.Checkpoint), target + ".tmp", overwrite: true);
        File.Move(target + ".tmp", target, overwrite: true);

        var device = Setup.ChooseDevice("cpu").Device;
        using var quality = CourseQuality.Open(device);
        var check = quality.Check;
        var info = Checkpoint.ReadInfo(target);
        using var g = CourseGenerator.Create(info, device);
        Checkpoint.LoadGenerator(target, g.Module);
        var scores = check.Score(title, z => g.Sample(z), g.LatentDim);
        GeneratorScores? ema = null;
        if (info.HasEma)
        {
            using var e = CourseGenerator.Create(info, device);
            Checkpoint.LoadGenerator(target, e.Module, useEma: true);
            ema = check.Score(title + " (EMA)", z => e.Sample(z), e.LatentDim);
        }
        var entry = new CourseCheckpoint(name, chapter, title, recipe, point.Steps, point.Epoch, point.TrainSeconds,
            CourseResults.MachineOf(device, threads),
            DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "fashion-mnist", check.Samples,
            Math.Round(scores.Fid, 2), Math.Round(scores.Score, 3), ema is null ? null : Math.Round(ema.Fid, 2),
            ema is null ? null : Math.Round(ema.Score, 3), CourseCheckpoints.Sha256Of(target),
            $"bench curve ({recipeFile.Split('\n')[0]}), epoch {epoch}; bench course-add");
        CourseCheckpoints.Write(entry, folder);
        Console.WriteLine($"{target}: {new FileInfo(target).Length:N0} bytes\n{scores}{(ema is null ? "" : "\n" + ema)}\n{entry.Label}");
        return 0;
    }
}
