using System.Globalization;
using System.Text;

namespace GanNotebooks.Display;

/// <summary>
/// Image grids over training (samples from one fixed noise batch) behind a slider: plain HTML, data-URI images and a
/// one-line inline handler, so it works in the VS Code webview and offline. Without script, the last frame shows.
/// Taught in notebook 01.
/// </summary>
[TypeFormatterSource(typeof(GridSliderFormatters), PreferredMimeTypes = [Mime.Html])]
public sealed class GridSlider
{
    readonly List<(string Label, ImageGrid Grid)> frames = [];

    /// <param name="title">Shown above the slider.</param>
    public GridSlider(string title = "Samples from the fixed noise during training") => Title = title;

    public string Title { get; }

    public IReadOnlyList<(string Label, ImageGrid Grid)> Frames => frames;

    /// <summary>Appends a frame, e.g. <c>slider.Add($"step {step}", ImageGrid.From(fake))</c>.</summary>
    public GridSlider Add(string label, ImageGrid grid)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(grid);
        frames.Add((label, grid));
        return this;
    }

    public string ToHtml()
    {
        if (frames.Count == 0) return $"<div class=\"gn-slider\"><em>{Html.Encode(Title)}: no frames yet.</em></div>";
        int last = frames.Count - 1;
        const string onInput =
            "var r=this.closest('.gn-slider'),f=r.querySelectorAll('.gn-frame'),i=+this.value;" +
            "for(var k=0;k<f.length;k++)f[k].style.display=k===i?'':'none';" +
            "r.querySelector('.gn-slider-label').textContent=f[i].getAttribute('data-label');";
        var html = new StringBuilder("<div class=\"gn-slider\" style=\"font:14px/1.4 sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<div style=\"font-weight:600;margin-bottom:4px\">{Html.Encode(Title)}</div>");
        html.Append("<div style=\"display:flex;align-items:center;gap:10px;margin-bottom:6px\">")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"range\" min=\"0\" max=\"{last}\" value=\"{last}\" step=\"1\" style=\"width:min(420px,70%)\" ")
            .Append(CultureInfo.InvariantCulture, $"aria-label=\"frame\" oninput=\"{onInput}\">")
            .Append(CultureInfo.InvariantCulture, $"<span class=\"gn-slider-label\">{Html.Encode(frames[last].Label)}</span></div>");
        for (int k = 0; k < frames.Count; k++)
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"gn-frame\" data-label=\"{Html.Encode(frames[k].Label)}\"")
                .Append(k == last ? ">" : " style=\"display:none\">")
                .Append(frames[k].Grid.ToHtml()).Append("</div>");
        return html.Append("</div>").ToString();
    }

    public override string ToString() => $"GridSlider '{Title}' with {frames.Count} frame(s)";
}
