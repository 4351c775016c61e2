using System.Globalization;
using System.Xml.Linq;
using FoiTracker.Application.Statistics.Charts;

namespace FoiTracker.Web.Statistics;

/// <summary>
/// Draws the statistics charts as SVG from plain records. Built with System.Xml.Linq, so every text
/// (a body's name, a title) is escaped by the serializer and Georgian stays text, not paths. Each
/// chart is an <c>&lt;svg role="img"&gt;</c> named by its <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c>;
/// each mark carries its number in a <c>data-</c> attribute and a <c>&lt;title&gt;</c> of its own.
/// </summary>
public static class SvgCharts
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public const double Width = 680;
    public const double PlotLeft = 260;
    public const double PlotWidth = 380;
    public const double Top = 36;
    public const double RowHeight = 28;
    public const double BarHeight = 16;
    public const double LinePlotHeight = 240;

    private static readonly double[] Ticks = [0, 0.25, 0.5, 0.75, 1];

    /// <summary>Horizontal bars of shares with 95 % interval whiskers; x from 0 to 100 %.</summary>
    public static XElement Bars(BarChartModel model, string id)
    {
        ArgumentNullException.ThrowIfNull(model);
        var height = Top + (Math.Max(1, model.Bars.Count) * RowHeight) + 44;
        var svg = Root(model.Text, id, height);
        svg.Add(ShareAxis(Top - 6, Top + (model.Bars.Count * RowHeight), vertical: true));
        for (var i = 0; i < model.Bars.Count; i++)
        {
            var bar = model.Bars[i];
            var y = Top + (i * RowHeight);
            var middle = y + (RowHeight / 2);
            svg.Add(new XElement(
                Svg + "g",
                new XAttribute("class", "bar"),
                new XElement(Svg + "title", $"{bar.Label}: {bar.Text}"),
                Text(PlotLeft - 8, middle + 4, bar.Label, "end", "label"),
                new XElement(
                    Svg + "rect",
                    new XAttribute("class", "value"),
                    Number("x", PlotLeft), Number("y", middle - (BarHeight / 2)), Number("width", bar.Value * PlotWidth), Number("height", BarHeight),
                    new XAttribute("fill", "#4a78b5"),
                    Number("data-value", bar.Value)),
                Whisker(ShareX(bar.Lower), ShareX(bar.Upper), middle, bar)));
        }

        if (model.Bars.Count == 0)
            svg.Add(Text(PlotLeft, Top + 18, model.Text.Language == "ka" ? "საკმარისი მონაცემი არ არის" : "Not enough data to draw", "start", "empty"));
        svg.Add(Text(PlotLeft + (PlotWidth / 2), height - 8, model.AxisLabel, "middle", "axis-label"));
        return svg;
    }

    /// <summary>A line through points, or a step curve (a survival estimate), with each point's interval as a vertical whisker.</summary>
    public static XElement Line(LineChartModel model, string id)
    {
        ArgumentNullException.ThrowIfNull(model);
        var height = Top + LinePlotHeight + 56;
        var svg = Root(model.Text, id, height);
        svg.Add(ShareAxis(Top, Top + LinePlotHeight, vertical: false));
        var xMax = model.XMax > 0 ? model.XMax : 1;
        double X(double x) => PlotLeft + (x / xMax * PlotWidth);
        double Y(double share) => Top + ((1 - share) * LinePlotHeight);

        if (model.Points.Count > 0)
        {
            var first = model.Points[0];
            var path = model.Points.Skip(1).Aggregate(
                $"M{F(X(first.X))},{F(Y(first.Y))}",
                (text, point) => model.Steps ? $"{text} H{F(X(point.X))} V{F(Y(point.Y))}" : $"{text} L{F(X(point.X))},{F(Y(point.Y))}");
            svg.Add(new XElement(Svg + "path", new XAttribute("class", "line"), new XAttribute("d", path), new XAttribute("fill", "none"),
                new XAttribute("stroke", "#4a78b5"), new XAttribute("stroke-width", "2")));
        }
        else
        {
            svg.Add(Text(PlotLeft, Top + 18, model.Text.Language == "ka" ? "საკმარისი მონაცემი არ არის" : "Not enough data to draw", "start", "empty"));
        }

        foreach (var point in model.Points)
        {
            var group = new XElement(Svg + "g", new XAttribute("class", "point"), new XElement(Svg + "title", $"{point.Label}: {point.Text}"));
            if (point.Lower is { } lower && point.Upper is { } upper)
            {
                group.Add(new XElement(Svg + "line", new XAttribute("class", "interval"),
                    Number("x1", X(point.X)), Number("x2", X(point.X)), Number("y1", Y(lower)), Number("y2", Y(upper)),
                    new XAttribute("stroke", "#333"), Number("data-lower", lower), Number("data-upper", upper)));
            }

            group.Add(new XElement(Svg + "circle", new XAttribute("class", "marker"),
                Number("cx", X(point.X)), Number("cy", Y(point.Y)), Number("r", 3.5), new XAttribute("fill", "#4a78b5"),
                Number("data-x", point.X), Number("data-y", point.Y)));
            svg.Add(group);
        }

        svg.Add(Text(PlotLeft + (PlotWidth / 2), height - 8, model.XLabel, "middle", "axis-label"));
        svg.Add(Text(PlotLeft - 44, Top - 12, model.YLabel, "start", "axis-label"));
        return svg;
    }

    /// <summary>Where a share in [0, 1] falls on the bars' x axis.</summary>
    public static double ShareX(double share) => PlotLeft + (share * PlotWidth);

    /// <summary>Coordinates as the SVG writes them: invariant culture, at most two decimals.</summary>
    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static XElement Root(ChartText text, string id, double height) =>
        new(
            Svg + "svg",
            new XAttribute("id", id),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{id}-title {id}-desc"),
            new XAttribute(XNamespace.Xml + "lang", text.Language),
            Number("width", Width), Number("height", height),
            new XAttribute("viewBox", $"0 0 {F(Width)} {F(height)}"),
            new XAttribute("font-family", "DejaVu Sans, Noto Sans Georgian, sans-serif"),
            new XAttribute("font-size", "12"),
            new XElement(Svg + "title", new XAttribute("id", $"{id}-title"), text.Title),
            new XElement(Svg + "desc", new XAttribute("id", $"{id}-desc"), text.Description));

    /// <summary>Gridlines and labels at 0, 25, 50, 75 and 100 %: along x for bars, along y for lines.</summary>
    private static XElement ShareAxis(double from, double to, bool vertical)
    {
        var axis = new XElement(Svg + "g", new XAttribute("class", "axis"), new XAttribute("aria-hidden", "true"));
        foreach (var tick in Ticks)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"{tick * 100:0} %");
            if (vertical)
            {
                var x = ShareX(tick);
                axis.Add(GridLine(x, x, from, to), Text(x, to + 14, label, "middle", "tick"));
            }
            else
            {
                var y = from + ((1 - tick) * (to - from));
                axis.Add(GridLine(PlotLeft, PlotLeft + PlotWidth, y, y), Text(PlotLeft - 6, y + 4, label, "end", "tick"));
            }
        }

        return axis;
    }

    private static XElement GridLine(double x1, double x2, double y1, double y2) =>
        new(Svg + "line", Number("x1", x1), Number("x2", x2), Number("y1", y1), Number("y2", y2), new XAttribute("stroke", "#ddd"));

    private static XElement Whisker(double from, double to, double y, BarDatum bar) =>
        new(
            Svg + "g",
            new XAttribute("class", "whisker"),
            Number("data-lower", bar.Lower),
            Number("data-upper", bar.Upper),
            new XElement(Svg + "line", new XAttribute("class", "span"), Number("x1", from), Number("x2", to), Number("y1", y), Number("y2", y), new XAttribute("stroke", "#222")),
            new XElement(Svg + "line", new XAttribute("class", "cap"), Number("x1", from), Number("x2", from), Number("y1", y - 5), Number("y2", y + 5), new XAttribute("stroke", "#222")),
            new XElement(Svg + "line", new XAttribute("class", "cap"), Number("x1", to), Number("x2", to), Number("y1", y - 5), Number("y2", y + 5), new XAttribute("stroke", "#222")));

    private static XElement Text(double x, double y, string text, string anchor, string kind) =>
        new(Svg + "text", new XAttribute("class", kind), Number("x", x), Number("y", y), new XAttribute("text-anchor", anchor), text);

    private static XAttribute Number(string name, double value) => new(name, F(value));
}
