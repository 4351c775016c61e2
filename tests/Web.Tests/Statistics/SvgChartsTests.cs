using System.Globalization;
using System.Xml.Linq;
using FoiTracker.Application.Statistics.Charts;
using FoiTracker.Web.Statistics;

namespace FoiTracker.Web.Tests.Statistics;

/// <summary>The charts read back as XML: every mark stands where its number puts it, and every text is text.</summary>
public sealed class SvgChartsTests
{
    private static readonly XNamespace Svg = SvgCharts.Svg;

    private static readonly BarChartModel Bars = new(
        new ChartText("On time <2026> & \"all\"", "Shares with 95 % intervals", "Body", "On time", "en"),
        [
            new BarDatum("გორის მერია", 0.3, 0.1078, 0.6032, "30 %"),
            new BarDatum("A & B <council>", 1, 0.5655, 1, "100 %"),
        ],
        "Share answered on time");

    [Fact]
    public void Bars_are_as_long_as_their_share_and_whiskers_span_their_interval()
    {
        var svg = Parse(SvgCharts.Bars(Bars, "c"));

        var groups = svg.Elements(Svg + "g").Where(g => (string?)g.Attribute("class") == "bar").ToList();
        groups.Should().HaveCount(2);
        for (var i = 0; i < 2; i++)
        {
            var rect = groups[i].Element(Svg + "rect")!;
            N(rect, "x").Should().Be(SvgCharts.PlotLeft);
            N(rect, "width").Should().BeApproximately(Bars.Bars[i].Value * SvgCharts.PlotWidth, 0.01);
            var span = groups[i].Descendants(Svg + "line").Single(line => (string?)line.Attribute("class") == "span");
            N(span, "x1").Should().BeApproximately(SvgCharts.PlotLeft + (Bars.Bars[i].Lower * SvgCharts.PlotWidth), 0.01);
            N(span, "x2").Should().BeApproximately(SvgCharts.PlotLeft + (Bars.Bars[i].Upper * SvgCharts.PlotWidth), 0.01);
            groups[i].Descendants(Svg + "line").Count(line => (string?)line.Attribute("class") == "cap").Should().Be(2);
        }
    }

    [Fact]
    public void The_chart_is_an_image_named_by_its_title_and_description_with_text_escaped_and_Georgian_as_text()
    {
        var markup = SvgCharts.Bars(Bars, "c").ToString();
        var svg = Parse(SvgCharts.Bars(Bars, "c"));

        svg.Attribute("role")!.Value.Should().Be("img");
        svg.Attribute("aria-labelledby")!.Value.Should().Be("c-title c-desc");
        svg.Element(Svg + "title")!.Value.Should().Be("On time <2026> & \"all\"");
        svg.Element(Svg + "desc")!.Value.Should().Be("Shares with 95 % intervals");
        markup.Should().Contain("On time &lt;2026&gt; &amp; \"all\"").And.Contain("A &amp; B &lt;council&gt;").And.NotContain("<council>");
        svg.Descendants(Svg + "text").Select(text => text.Value).Should().Contain(["გორის მერია", "A & B <council>"]);
        markup.Should().Contain("გორის მერია", "Georgian is written as characters, not as entities or outlines");
    }

    [Fact]
    public void A_step_curve_goes_across_then_down_through_each_point_with_its_interval()
    {
        var model = new LineChartModel(
            new ChartText("Time to answer", "Kaplan–Meier", "Working day", "Still unanswered", "ka"),
            [
                new PointDatum("0", 0, 1, null, null, "100 %"),
                new PointDatum("3", 3, 0.875, 0.6, 0.97, "87.5 %"),
                new PointDatum("6", 6, 0.72917, 0.4, 0.9, "72.9 %"),
            ],
            "Working days", "Share", Steps: true, XMax: 12);

        var svg = Parse(SvgCharts.Line(model, "km"));

        double X(double x) => SvgCharts.PlotLeft + (x / 12 * SvgCharts.PlotWidth);
        double Y(double y) => SvgCharts.Top + ((1 - y) * SvgCharts.LinePlotHeight);
        var markers = svg.Descendants(Svg + "circle").ToList();
        markers.Select(circle => (N(circle, "cx"), N(circle, "cy"))).Should().BeEquivalentTo(
            model.Points.Select(point => (Math.Round(X(point.X), 2), Math.Round(Y(point.Y), 2))), options => options.WithStrictOrdering());
        var path = svg.Descendants(Svg + "path").Single().Attribute("d")!.Value;
        path.Should().Be($"M{SvgCharts.F(X(0))},{SvgCharts.F(Y(1))} H{SvgCharts.F(X(3))} V{SvgCharts.F(Y(0.875))} H{SvgCharts.F(X(6))} V{SvgCharts.F(Y(0.72917))}");
        var intervals = svg.Descendants(Svg + "line").Where(line => (string?)line.Attribute("class") == "interval").ToList();
        intervals.Should().HaveCount(2);
        (N(intervals[0], "y1"), N(intervals[0], "y2")).Should().Be((Math.Round(Y(0.6), 2), Math.Round(Y(0.97), 2)));
        svg.Attribute(XNamespace.Xml + "lang")!.Value.Should().Be("ka");
    }

    [Fact]
    public void The_figure_puts_the_same_numbers_in_a_table_beside_the_picture()
    {
        var figure = XElement.Parse(ChartFigure.Of(Bars, "c").ToString());

        figure.Element(Svg + "svg").Should().NotBeNull();
        figure.Element("figcaption")!.Value.Should().Be(Bars.Text.Title);
        var rows = figure.Descendants("tbody").Single().Elements("tr")
            .Select(row => (row.Element("th")!.Value, row.Element("td")!.Value)).ToList();
        rows.Should().Equal(("გორის მერია", "30 %"), ("A & B <council>", "100 %"));
    }

    private static XElement Parse(XElement element) => XElement.Parse(element.ToString());

    private static double N(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}
