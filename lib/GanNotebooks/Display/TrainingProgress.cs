using System.Globalization;
using System.Text;

namespace GanNotebooks.Display;

/// <summary>
/// Where a training run is, for a live display: <c>var live = LiveDisplay.Show(progress);</c> then
/// <c>live.Update(progress)</c> (not the kernel's <c>display(x).Update(y)</c>, which never updates in place: see
/// <see cref="LiveDisplay"/>).
/// <see cref="ToString"/> reads like <c>step 1200/4680  epoch 3/10  lossD 0.612  lossG 1.384  12.4 s elapsed, ETA 36 s</c>.
/// Taught in notebook 01.
/// </summary>
/// <param name="Step">Steps done so far.</param>
/// <param name="TotalSteps">Steps in the whole run.</param>
/// <param name="Epoch">The current epoch, counted from 1 (0: not shown).</param>
/// <param name="TotalEpochs">Epochs in the run (0: not shown).</param>
/// <param name="Losses">Latest value per loss name, shown in this order.</param>
/// <param name="Elapsed">Wall time since training started.</param>
[TypeFormatterSource(typeof(TrainingProgressFormatters), PreferredMimeTypes = [Mime.Html, Mime.Text])]
public sealed record TrainingProgress(int Step, int TotalSteps, int Epoch, int TotalEpochs,
    IReadOnlyDictionary<string, float> Losses, TimeSpan Elapsed)
{
    /// <summary>Time left at the average pace so far; null before the first step.</summary>
    public TimeSpan? Eta => Step <= 0 ? null
        : TimeSpan.FromTicks((long)(Elapsed.Ticks * (double)Math.Max(0, TotalSteps - Step) / Step));

    /// <summary>Fraction done, 0..1.</summary>
    public double Fraction => TotalSteps <= 0 ? 0 : Math.Clamp((double)Step / TotalSteps, 0, 1);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"step {Step}/{TotalSteps}");
        if (TotalEpochs > 0) text.Append(CultureInfo.InvariantCulture, $"  epoch {Epoch}/{TotalEpochs}");
        foreach (var (name, value) in Losses ?? new Dictionary<string, float>())
            text.Append(CultureInfo.InvariantCulture, $"  {name} {value:0.000}");
        text.Append(CultureInfo.InvariantCulture, $"  {Duration.Format(Elapsed, tenths: true)} elapsed, ETA ");
        text.Append(Eta is TimeSpan eta ? Duration.Format(eta, tenths: false) : "unknown");
        return text.ToString();
    }

    /// <summary>A progress bar and <see cref="ToString"/> in monospace.</summary>
    public string ToHtml() =>
        "<div class=\"gn-progress\" style=\"font-family:ui-monospace,monospace;font-size:13px;display:flex;align-items:center;gap:10px\">" +
        string.Create(CultureInfo.InvariantCulture, $"<progress value=\"{Math.Max(0, Step)}\" max=\"{Math.Max(1, TotalSteps)}\" style=\"width:200px\"></progress>") +
        $"<span>{Html.Encode(ToString())}</span></div>";
}
