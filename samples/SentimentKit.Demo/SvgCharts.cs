using System.Globalization;
using System.Net;
using System.Text;
using SentimentKit.Evaluation;
using SentimentKit.Training;

namespace SentimentKit.Demo;

/// <summary>Small, dependency-free SVG charts for the demo's report: lines, a confusion matrix and a reliability diagram.</summary>
internal static class SvgCharts
{
    private const double Width = 520;
    private const double Height = 380;
    private const double Left = 64;
    private const double Right = 24;
    private const double Top = 44;
    private const double Bottom = 56;

    public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points, string Color, bool Dashed = false, bool Markers = true);

    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<Series> series, (double Min, double Max) x, (double Min, double Max) y, bool diagonal = false, bool wholeX = false)
    {
        var svg = Begin(title);
        Axes(svg, xLabel, yLabel, x, y, wholeX);
        if (diagonal)
        {
            svg.Append(Line(Px(x, x.Min), Py(y, y.Min), Px(x, x.Max), Py(y, y.Max), "#999", dashed: true));
        }

        var legendY = Top + 8;
        foreach (var s in series)
        {
            if (s.Points.Count > 0)
            {
                var path = string.Join(' ', s.Points.Select((p, i) => $"{(i == 0 ? 'M' : 'L')}{N(Px(x, p.X))},{N(Py(y, p.Y))}"));
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2\"{(s.Dashed ? " stroke-dasharray=\"6 4\"" : string.Empty)}/>\n");
                if (s.Markers)
                {
                    foreach (var p in s.Points)
                    {
                        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(Px(x, p.X))}\" cy=\"{N(Py(y, p.Y))}\" r=\"3.5\" fill=\"{s.Color}\"/>\n");
                    }
                }
            }

            svg.Append(Line(Width - Right - 150, legendY, Width - Right - 126, legendY, s.Color, s.Dashed));
            svg.Append(Text(Width - Right - 120, legendY + 4, s.Name, "start", 12));
            legendY += 18;
        }

        return End(svg);
    }

    public static string ConfusionMatrix(IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<int>> counts)
    {
        var svg = Begin("Confusion matrix");
        var n = labels.Count;
        var size = Math.Min(Width - Left - Right, Height - Top - Bottom) / n;
        var max = Math.Max(1, counts.SelectMany(r => r).DefaultIfEmpty(0).Max());
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var value = counts[i][j];
                var shade = (int)(255 - (200.0 * value / max));
                var x = Left + (j * size);
                var yy = Top + (i * size);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(yy)}\" width=\"{N(size)}\" height=\"{N(size)}\" fill=\"rgb({shade},{shade},255)\" stroke=\"#fff\"/>\n");
                svg.Append(Text(x + (size / 2), yy + (size / 2) + 5, value.ToString(CultureInfo.InvariantCulture), "middle", 16, shade < 140 ? "#fff" : "#000"));
            }

            svg.Append(Text(Left - 6, Top + (i * size) + (size / 2) + 4, labels[i], "end", 12));
            svg.Append(Text(Left + (i * size) + (size / 2), Top + (n * size) + 16, labels[i], "middle", 12));
        }

        svg.Append(Text(Left + (n * size / 2), Top + (n * size) + 38, "predicted", "middle", 13));
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{N(Top + (n * size / 2))}\" font-size=\"13\" text-anchor=\"middle\" transform=\"rotate(-90 16 {N(Top + (n * size / 2))})\">true</text>\n");
        return End(svg);
    }

    public static string Reliability(IReadOnlyList<CalibrationBin> bins, double ece)
    {
        var svg = Begin(string.Create(CultureInfo.InvariantCulture, $"Reliability diagram (ECE {ece:F4})"));
        var unit = (0.0, 1.0);
        Axes(svg, "confidence", "accuracy", unit, unit);
        foreach (var bin in bins.Where(b => b.Count > 0))
        {
            var x0 = Px(unit, bin.Lower);
            var x1 = Px(unit, bin.Upper);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x0 + 1)}\" y=\"{N(Py(unit, bin.Accuracy))}\" width=\"{N(x1 - x0 - 2)}\" height=\"{N(Py(unit, 0) - Py(unit, bin.Accuracy))}\" fill=\"#4a78c2\" opacity=\"0.8\"><title>{bin.Count} predictions, accuracy {bin.Accuracy:F3}, confidence {bin.Confidence:F3}</title></rect>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(Px(unit, bin.Confidence))}\" cy=\"{N(Py(unit, bin.Confidence))}\" r=\"3\" fill=\"#d1495b\"/>\n");
        }

        svg.Append(Line(Px(unit, 0), Py(unit, 0), Px(unit, 1), Py(unit, 1), "#999", dashed: true));
        return End(svg);
    }

    private static StringBuilder Begin(string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>\n");
        svg.Append(Text(Width / 2, 26, title, "middle", 16));
        return svg;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>\n").ToString();

    // wholeX: ticks on whole numbers only (epochs), at most about ten of them.
    private static void Axes(StringBuilder svg, string xLabel, string yLabel, (double Min, double Max) x, (double Min, double Max) y, bool wholeX = false)
    {
        IEnumerable<double> xTicks = Enumerable.Range(0, 6).Select(i => x.Min + ((x.Max - x.Min) * i / 5));
        if (wholeX)
        {
            var first = (int)Math.Ceiling(x.Min);
            var last = (int)Math.Floor(x.Max);
            var step = Math.Max(1, (int)Math.Ceiling((last - first + 1) / 10.0));
            xTicks = Enumerable.Range(0, ((last - first) / step) + 1).Select(i => (double)(first + (i * step)));
        }

        foreach (var xv in xTicks)
        {
            svg.Append(Line(Px(x, xv), Top, Px(x, xv), Height - Bottom, "#eee"));
            svg.Append(Text(Px(x, xv), Height - Bottom + 16, Tick(xv), "middle", 11));
        }

        for (var i = 0; i <= 5; i++)
        {
            var yv = y.Min + ((y.Max - y.Min) * i / 5);
            svg.Append(Line(Left, Py(y, yv), Width - Right, Py(y, yv), "#eee"));
            svg.Append(Text(Left - 6, Py(y, yv) + 4, Tick(yv), "end", 11));
        }

        svg.Append(Line(Left, Height - Bottom, Width - Right, Height - Bottom, "#333"));
        svg.Append(Line(Left, Top, Left, Height - Bottom, "#333"));
        svg.Append(Text(Left + ((Width - Left - Right) / 2), Height - 14, xLabel, "middle", 13));
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{N(Top + ((Height - Top - Bottom) / 2))}\" font-size=\"13\" text-anchor=\"middle\" transform=\"rotate(-90 16 {N(Top + ((Height - Top - Bottom) / 2))})\">{WebUtility.HtmlEncode(yLabel)}</text>\n");
    }

    private static double Px((double Min, double Max) x, double value) => Left + ((value - x.Min) / Math.Max(1e-12, x.Max - x.Min) * (Width - Left - Right));

    private static double Py((double Min, double Max) y, double value) => Height - Bottom - ((value - y.Min) / Math.Max(1e-12, y.Max - y.Min) * (Height - Top - Bottom));

    private static string Line(double x1, double y1, double x2, double y2, string color, bool dashed = false) =>
        $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{color}\" stroke-width=\"1.5\"{(dashed ? " stroke-dasharray=\"5 4\"" : string.Empty)}/>\n";

    private static string Text(double x, double y, string text, string anchor, int size, string color = "#000") =>
        $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{size}\" text-anchor=\"{anchor}\" fill=\"{color}\">{WebUtility.HtmlEncode(text)}</text>\n";

    private static string Tick(double value) => Math.Abs(value - Math.Round(value)) < 1e-9
        ? Math.Round(value).ToString(CultureInfo.InvariantCulture)
        : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
