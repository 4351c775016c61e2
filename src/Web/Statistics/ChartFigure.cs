using System.Xml.Linq;
using FoiTracker.Application.Statistics.Charts;

namespace FoiTracker.Web.Statistics;

/// <summary>
/// A chart as an HTML fragment: the SVG, a caption, and the same numbers as a table beside it, for
/// screen readers, for copying, and for anyone who wants the figures rather than the picture.
/// Written as XML, so it is well-formed XHTML that pages can embed as it is.
/// </summary>
public static class ChartFigure
{
    public static XElement Of(BarChartModel model, string id)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Figure(model.Text, SvgCharts.Bars(model, id), model.Bars.Select(bar => (bar.Label, bar.Text)));
    }

    public static XElement Of(LineChartModel model, string id)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Figure(model.Text, SvgCharts.Line(model, id), model.Points.Select(point => (point.Label, point.Text)));
    }

    private static XElement Figure(ChartText text, XElement svg, IEnumerable<(string Label, string Value)> rows) =>
        new(
            "figure",
            new XAttribute("class", "chart"),
            new XAttribute("lang", text.Language),
            svg,
            new XElement("figcaption", text.Title),
            new XElement(
                "table",
                new XAttribute("class", "chart-data"),
                new XElement("caption", text.Description),
                new XElement("thead", new XElement("tr",
                    new XElement("th", new XAttribute("scope", "col"), text.LabelHead),
                    new XElement("th", new XAttribute("scope", "col"), text.ValueHead))),
                new XElement("tbody", rows.Select(row => new XElement("tr",
                    new XElement("th", new XAttribute("scope", "row"), row.Label),
                    new XElement("td", row.Value))))));
}
