using System.Diagnostics;
using GanNotebooks.Data;
using GanNotebooks.Display;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>
/// The loop around a training step, written once for the whole course: epochs over <see cref="Batches"/>, the metrics
/// read every <see cref="LogEvery"/> steps, a live view (progress, losses, current samples) refreshed at most once a
/// second, a slider frame per epoch, and the stop button. Create it in one cell and call <see cref="Run()"/> in the
/// training cell: stopped, the cell ends at the next step with everything kept, and running the cell again continues
/// from that step (in the same epoch, with the same batch order), so a stopped-and-continued run is the run that was
/// never stopped. Taught in notebook 01; each chapter writes out only its step.
/// </summary>
/// <example>
/// <code>
/// var loop = new TrainingLoop(trainer, new Batches(data, 128), epochs: 10) { Samples = () => Samples(fixedZ) };
/// loop.Run();      // the training cell: stop it, run it again, it continues
/// loop.Frames      // the samples after every epoch, behind a slider
/// </code>
/// </example>
public sealed class TrainingLoop
{
    readonly GanTrainerBase trainer;
    readonly Func<IEnumerable<(Tensor X, Tensor Y)>> newEpoch;   // one pass over the data (Batches.Epoch)
    readonly long perEpoch;           // steps per epoch; long.MaxValue for an endless sampler
    readonly Action<Tensor, Tensor> step;
    readonly long firstStep;          // trainer.Steps when the loop was made
    long done;                        // steps this loop ran, over every Run
    readonly Stopwatch clock = new(); // training time over every Run, views included
    IEnumerator<(Tensor X, Tensor Y)>? epochBatches;  // the epoch in progress, kept across runs
    int epochsPlanned;                // 0 for a loop planned in steps
    long stepsPlanned;
    double viewSeconds;               // time spent on live views (their cost, measured)
    readonly object viewGate = new(); // the stop callback updates the view from another thread
    bool finalShown;                  // this Run's last frame is out (under viewGate)
    GridSlider? frames;

    /// <summary>
    /// A loop of <paramref name="epochs"/> passes over <paramref name="batches"/> for <paramref name="trainer"/>, or of
    /// <paramref name="steps"/> steps over as many epochs as that takes (a budget shared by runs with different batch
    /// counts, as in the capstone): <c>new TrainingLoop(trainer, batches, steps: 3000)</c>.
    /// </summary>
    /// <param name="trainer">The trainer whose steps, history and samples the loop drives and shows.</param>
    /// <param name="batches">The real data, one batch per step.</param>
    /// <param name="epochs">Passes to make; <see cref="Run(int)"/> adds more.</param>
    /// <param name="step">One training step on a real batch (images, labels); default: <c>trainer.StepNoSync(x)</c> for
    /// a <see cref="GanTrainer"/> (with the labels when it is conditional). An <see cref="SganTrainer"/> or a step
    /// written out in the notebook passes its own.</param>
    /// <param name="steps">The plan in steps instead of epochs.</param>
    public TrainingLoop(GanTrainerBase trainer, Batches batches, int epochs = 0, Action<Tensor, Tensor>? step = null, long? steps = null)
        : this(trainer, (batches ?? throw new ArgumentNullException(nameof(batches))).Epoch, batches.Count, step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        if (steps is long n)
        {
            if (epochs != 0) throw new ArgumentException("Give the plan in epochs or in steps, not both.", nameof(steps));
            ArgumentOutOfRangeException.ThrowIfNegative(n, nameof(steps));
            stepsPlanned = n;
        }
        else
        {
            epochsPlanned = epochs;
            stepsPlanned = (long)epochs * batches.Count;
        }
    }

    /// <summary>
    /// A loop of <paramref name="steps"/> steps, each on a fresh real batch drawn from <paramref name="sample"/> (e.g. a
    /// toy distribution, notebook 04b; no labels: the step's second argument is null); the loop disposes each drawn
    /// batch after its step. No epochs: frames come every <see cref="FrameEvery"/> steps.
    /// </summary>
    public TrainingLoop(GanTrainerBase trainer, Func<Tensor> sample, long steps, Action<Tensor, Tensor>? step = null)
        : this(trainer, Endless(sample ?? throw new ArgumentNullException(nameof(sample))), long.MaxValue, step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        stepsPlanned = steps;
    }

    TrainingLoop(GanTrainerBase trainer, Func<IEnumerable<(Tensor X, Tensor Y)>> newEpoch, long perEpoch, Action<Tensor, Tensor>? step)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        this.trainer = trainer;
        this.newEpoch = newEpoch;
        this.perEpoch = perEpoch;
        this.step = step ?? DefaultStep(trainer);
        firstStep = trainer.Steps;
    }

    static Func<IEnumerable<(Tensor X, Tensor Y)>> Endless(Func<Tensor> sample) => () => Draw(sample);

    static IEnumerable<(Tensor X, Tensor Y)> Draw(Func<Tensor> sample)
    {
        while (true)
        {
            var x = sample();
            try { yield return (x, null!); }
            finally { x.Dispose(); }
        }
    }

    /// <summary>Steps between reads of the metrics (one point of the history per read). Default 50.</summary>
    public int LogEvery { get; init; } = 50;

    /// <summary>Steps between slider frames; null (default): one frame at the end of every epoch.</summary>
    public int? FrameEvery { get; init; }

    /// <summary>The current samples for the live view and the slider frames (e.g. <c>() => Samples(fixedZ)</c>); null: none shown.</summary>
    public Func<ImageGrid>? Samples { get; init; }

    /// <summary>Shortest time between two live-view refreshes. Default 1 s.</summary>
    public TimeSpan RefreshEvery { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Called after every read of the metrics, with its result (e.g. to evaluate a classifier and put its
    /// accuracy in <see cref="Shown"/>).</summary>
    public Action<StepResult>? OnLog { get; init; }

    /// <summary>Called at the end of every epoch, with its number (from 1).</summary>
    public Action<int>? OnEpochEnd { get; init; }

    /// <summary>
    /// Numbers of your own for the progress line, shown after the losses (e.g. <c>loop.Shown["FID"] = 41.2f</c>, or
    /// <c>Shown = accuracies</c>, a dictionary the notebook updates).
    /// </summary>
    public Dictionary<string, float> Shown { get; init; } = [];

    /// <summary>Names the run in the slider's title (e.g. "WGAN-GP"); null: the slider's default title.</summary>
    public string? Name { get; init; }

    /// <summary>The samples after every epoch (or every <see cref="FrameEvery"/> steps), behind a slider.</summary>
    public GridSlider Frames => frames ??= Name is null ? new GridSlider() : new GridSlider($"{Name}: samples from the fixed noise during training");

    /// <summary>Trainer steps this loop plans to reach: the steps it started from plus epochs × batches per epoch (or the planned steps).</summary>
    public long TotalSteps => firstStep + stepsPlanned;

    /// <summary>The step reached: the trainer's step count when the loop was made plus the steps run since.</summary>
    public long Step => firstStep + done;

    /// <summary>The epoch in progress or last finished, counted from 1 (0 before the first step).</summary>
    public int Epoch { get; private set; }

    /// <summary>True when every planned step ran.</summary>
    public bool IsFinished => firstStep + done >= TotalSteps;

    /// <summary>True when the last <see cref="Run()"/> ended because stop was pressed.</summary>
    public bool WasStopped { get; private set; }

    /// <summary>Wall time of every <see cref="Run()"/> so far, live views included.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Wall time spent building and showing live views (the cost of watching).</summary>
    public TimeSpan ViewTime => TimeSpan.FromSeconds(viewSeconds);

    /// <summary>The last frame shown.</summary>
    public TrainingView? LastView { get; private set; }

    /// <summary>Adds <paramref name="extraEpochs"/> to the plan, then <see cref="Run()"/>.</summary>
    public TrainingLoop Run(int extraEpochs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(extraEpochs);
        if (epochsPlanned > 0) epochsPlanned += extraEpochs;
        stepsPlanned += (long)extraEpochs * (perEpoch == long.MaxValue ? Math.Max(1, stepsPlanned) : perEpoch);
        return Run();
    }

    /// <summary>
    /// Trains until <see cref="TotalSteps"/> or until stop is pressed, showing the live view; the cell then ends
    /// normally. Run again after a stop, it continues from the step it reached. Returns this loop (the cell shows its
    /// last frame).
    /// </summary>
    public TrainingLoop Run()
    {
        WasStopped = false;
        lock (viewGate) finalShown = false;
        if (IsFinished)
        {
            LiveDisplay.Show(View($"already trained: all {TotalSteps} steps ran. To train longer: loop.Run(extraEpochs: 1)."));
            return this;
        }
        string? start = done > 0 ? $"continuing from step {Step} of {TotalSteps}" : null;
        var live = LiveDisplay.Show(View(start));
        using var stop = StopSignal.Listen();
        using var announce = stop.Token.Register(() => AnnounceStop(live));
        var sinceView = Stopwatch.StartNew();
        var interval = RefreshEvery;
        clock.Start();
        try
        {
            while (!IsFinished && !stop.Requested)
            {
                var (x, y) = NextBatch();
                step(x, y);
                AfterStep();
                if (sinceView.Elapsed < interval) continue;
                var cost = Stopwatch.StartNew();
                lock (viewGate) live.Update(View(start));
                viewSeconds += cost.Elapsed.TotalSeconds;
                // Watching costs at most ~2.5 % of the training time: a view that takes t waits 40 t for the next.
                interval = TimeSpan.FromTicks(Math.Max(RefreshEvery.Ticks, cost.Elapsed.Ticks * 40));
                sinceView.Restart();
            }
        }
        finally
        {
            clock.Stop();
        }
        if (trainer.FlushMetrics() is StepResult rest) OnLog?.Invoke(rest);
        WasStopped = stop.Requested && !IsFinished;
        if (IsFinished && perEpoch == long.MaxValue)
        {
            epochBatches?.Dispose();          // a sampler's last batch; a dataset's epoch stays open for Run(extraEpochs)
            epochBatches = null;
        }
        if (WasStopped && Samples is not null) Frames.Add($"step {Step} (stopped)", Samples());
        lock (viewGate)
        {
            finalShown = true;                // the stop announcement, if its thread comes later, must not replace this
            live.Update(View(WasStopped
            ? $"stopped at step {Step} of {TotalSteps} — networks, optimizers, history and samples kept; run the cell again to continue."
            : $"done: step {Step} of {TotalSteps} reached in {Duration.Format(Elapsed)} of training."));
        }
        return this;
    }

    /// <summary>
    /// Says at once, from the thread that pressed stop, that the loop is stopping: VS Code Polyglot Notebooks marks the
    /// cell cancelled right after its Cancel command and drops later updates, so the final "stopped at step N" frame
    /// shows only in the other hosts. Reads nothing the training thread writes (the last frame is immutable).
    /// </summary>
    /// <remarks>
    /// This runs inside the host's cancel: the kernel cancels the cell's token and only then reports the cell cancelled,
    /// so a callback that throws or waits for ever would leave the cell "running" in the front end. It therefore waits
    /// at most <see cref="AnnounceWait"/> for a frame the training thread is showing (and then leaves the news to the
    /// loop's own last frame), and never lets an exception out.
    /// </remarks>
    void AnnounceStop(LiveDisplay live)
    {
        bool entered = false;
        try
        {
            Monitor.TryEnter(viewGate, AnnounceWait, ref entered);
            if (entered && !finalShown && LastView is { } last)
                live.Update(last with
                {
                    Status = $"stop pressed at step {Step} of {TotalSteps}: training ends after the step in progress; " +
                             "networks, optimizers, history and samples are kept; run the cell again to continue.",
                });
        }
#pragma warning disable CA1031 // a best-effort message on the host's thread: whatever fails, the loop's last frame says the same
        catch (Exception)
        {
        }
#pragma warning restore CA1031
        finally
        {
            if (entered) Monitor.Exit(viewGate);
        }
    }

    /// <summary>How long the stop announcement waits for a frame being shown by the training thread.</summary>
    static readonly TimeSpan AnnounceWait = TimeSpan.FromSeconds(2);

    /// <summary>The next batch of the epoch in progress, starting a new epoch (a new shuffle) when one ends.</summary>
    (Tensor X, Tensor Y) NextBatch()
    {
        if (epochBatches is not null && epochBatches.MoveNext()) return epochBatches.Current;
        epochBatches?.Dispose();
        epochBatches = newEpoch().GetEnumerator();
        Epoch++;
        if (!epochBatches.MoveNext()) throw new InvalidOperationException("The batches are empty: no data to train on.");
        return epochBatches.Current;
    }

    void AfterStep()
    {
        done++;
        if (Step % LogEvery == 0 && trainer.FlushMetrics() is StepResult r) OnLog?.Invoke(r);
        bool epochEnds = perEpoch != long.MaxValue && done % perEpoch == 0;
        if (FrameEvery is int every ? done % every == 0 : epochEnds)
            if (Samples is not null) Frames.Add(FrameEvery is null ? $"epoch {Epoch}" : $"step {Step}", Samples());
        if (epochEnds) OnEpochEnd?.Invoke(Epoch);
    }

    TrainingView View(string? status)
    {
        var numbers = trainer.History.Last?.Numbers() ?? [];
        foreach (var (name, value) in Shown) numbers[name] = value;
        var progress = new TrainingProgress((int)Step, (int)TotalSteps, Epoch, epochsPlanned, numbers, Elapsed);
        var curves = new List<(string, long[], double[])>();
        foreach (var (name, select) in new (string, Func<StepResult, float?>)[] { ("loss D", r => r.LossD), ("loss G", r => r.LossG) })
        {
            var (steps, values) = trainer.History.Series(select);
            curves.Add((name, steps, values));
        }
        LastView = new TrainingView(progress, curves, Samples?.Invoke(), status);
        return LastView;
    }

    static Action<Tensor, Tensor> DefaultStep(GanTrainerBase trainer) => trainer switch
    {
        GanTrainer { IsConditional: true } g => (x, y) => g.StepNoSync(x, y),
        GanTrainer g => (x, _) => g.StepNoSync(x),
        _ => throw new ArgumentException(
            $"A {trainer.GetType().Name} has no default step: pass one, e.g. step: (x, y) => trainer.StepNoSync(...).", nameof(trainer)),
    };
}
