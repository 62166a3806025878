using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using GanNotebooks;
using GanNotebooks.Bench;
using TorchSharp;
using static TorchSharp.torch;

return BenchCli.Run(args, RunBench, steps =>
{
    Setup.ChooseDevice("cpu");
    return LiveViewBench.Run(steps, torch.CPU);        // what watching a training run costs
});

// The timing run: every variant's step and epoch times, FID, the optimizer micro-benchmarks.
static int RunBench(BenchOptions o)
{
    // Read the device's memory before CUDA starts (the baseline for --isolate children), then start CUDA first thing:
    // with the Python libtorch route (bench/gpu-run.sh) TorchSharp must load its CUDA backend before anything else.
    double? memoryBaseline = o.Device == "cuda" ? DeviceMemory.DeviceUsedMb() : null;
    if (o.Device == "cuda") torch.InitializeDeviceType(DeviceType.CUDA);
    if (o.Threads > 0) torch.set_num_threads(o.Threads);
    var choice = Setup.ChooseDevice(o.Device);
    var device = choice.Device;
    Console.WriteLine($"{choice}; torch threads {torch.get_num_threads()}; load average {Machine.LoadAverage()?.ToString("F1", CultureInfo.InvariantCulture) ?? "n/a"}");

    var report = new BenchReport
    {
        Machine = Machine.Describe(device), Options = o, DataSource = "none (no variant run)",
    };
    if (o.Device == "cpu")
        report.Notes.Add($"CPU timings on a shared machine ({Environment.ProcessorCount} cores, 1-min load average " +
                         $"{report.Machine.LoadAverage1m?.ToString("F1", CultureInfo.InvariantCulture) ?? "n/a"} at the start): noisy, compare only within one run.");

    if (o.Variants.Length > 0) report = RunVariants(o, report, device, memoryBaseline);
    if (o.Fid)
    {
        Console.WriteLine($"FID on {o.FidN} x {o.FidD} random features ...");
        report.Fid.AddRange(FidBench.Run(o.FidN, o.FidD, device, o.Seed));
    }
    if (o.Micro)
    {
        Console.WriteLine("micro-benchmarks ...");
        report.Micro.AddRange(MicroBench.Run(device, o.Quick));
    }
    Console.WriteLine();
    Console.Write(ReportWriter.Table(report));
    foreach (string note in report.Notes) Console.WriteLine("note: " + note);
    if (o.Out is not null)
    {
        ReportWriter.Write(report, o.Out);
        Console.WriteLine($"wrote {o.Out} and {Path.ChangeExtension(o.Out, ".csv")}");
    }
    return 0;
}

// Every variant of o.Variants in this process (the data resident on the device), or each in its own (--isolate).
static BenchReport RunVariants(BenchOptions o, BenchReport report, Device device, double? memoryBaseline)
{
    if (o.Isolate)
    {
        report = RunIsolated(o, report);
        string[] exp = [.. o.Variants.Where(n => n is "gan" or "dcgan")];
        if (o.Experiments && exp.Length > 0)
        {
            using var data = BenchData.Load(device, o.DataDir, Math.Max(o.Batch, BenchData.LabelledCount));
            foreach (string name in exp) report.Experiments.AddRange(Experiments.Run(name, o, data, device));
        }
    }
    else
    {
        using var data = BenchData.Load(device, o.DataDir, Math.Max(o.EpochImages, Math.Max(o.Batch, BenchData.LabelledCount)));
        report = Copy(report, data.Source);
        Console.WriteLine($"data: {data.Source}, {data.All.Count} images resident on {device.type.ToString().ToLowerInvariant()}");
        foreach (string name in o.Variants)
        {
            if (o.Experiments && name is "gan" or "dcgan")
            {
                Console.WriteLine($"  {name}: step experiments ...");
                report.Experiments.AddRange(Experiments.Run(name, o, data, device));
            }
            var sw = Stopwatch.StartNew();
            var r = VariantBench.Run(name, o, data, device, memoryBaseline);
            report.Variants.Add(r);
            Console.WriteLine($"  {name,-8} {r.StepMs,8:F2} ms/step, {r.StepSyncMs,8:F2} ms/step with sync, " +
                              $"epoch {r.EpochResidentS?.ToString("F2", CultureInfo.InvariantCulture) ?? "-"} / {r.EpochSyncS?.ToString("F2", CultureInfo.InvariantCulture) ?? "-"} s, " +
                              $"live Δ {r.LiveTensorsDelta} ({sw.Elapsed.TotalSeconds:F0} s)");
        }
    }
    return report;
}

// One child process per variant: on CUDA each then starts with an empty caching allocator, so the memory
// nvidia-smi reports after it is that variant's peak reservation.
static BenchReport RunIsolated(BenchOptions o, BenchReport report)
{
    string dll = Assembly.GetEntryAssembly()!.Location;
    string host = Environment.ProcessPath!;
    bool viaDotnet = Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
    foreach (string name in o.Variants)
    {
        string tmp = Path.Combine(Path.GetTempPath(), $"gan-bench-{Environment.ProcessId}-{name}.json");
        var psi = new ProcessStartInfo(host) { UseShellExecute = false };
        if (viaDotnet) psi.ArgumentList.Add(dll);
        foreach (string a in o.ChildArgs(name, tmp)) psi.ArgumentList.Add(a);
        using var child = Process.Start(psi) ?? throw new InvalidOperationException("Could not start a child process.");
        // If this process is stopped (gpu-run.sh's timeout sends SIGTERM), take the running child with it.
        EventHandler stop = (_, _) => { try { child.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } };
        AppDomain.CurrentDomain.ProcessExit += stop;
        child.WaitForExit();
        AppDomain.CurrentDomain.ProcessExit -= stop;
        if (child.ExitCode != 0 || !File.Exists(tmp))
        {
            report.Notes.Add($"variant {name}: child process failed (exit code {child.ExitCode})");
            continue;
        }
        var part = JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(tmp), ReportWriter.Json)!;
        File.Delete(Path.ChangeExtension(tmp, ".csv"));
        File.Delete(tmp);
        report = Copy(report, part.DataSource);
        report.Variants.AddRange(part.Variants);
    }
    return report;
}

static BenchReport Copy(BenchReport r, string dataSource) => new()
{
    Machine = r.Machine, Options = r.Options, DataSource = dataSource, Variants = r.Variants, Fid = r.Fid, Micro = r.Micro, Experiments = r.Experiments, Notes = r.Notes,
};
