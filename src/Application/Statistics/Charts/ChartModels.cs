namespace FoiTracker.Application.Statistics.Charts;

/// <summary>One bar: a share with its 95 % interval, all in [0, 1].</summary>
/// <param name="Text">The value as the data table writes it ("62 % (31 of 50)").</param>
public sealed record BarDatum(string Label, double Value, double Lower, double Upper, string Text);

/// <summary>One point of a line or step curve; <paramref name="Lower"/>/<paramref name="Upper"/> give its interval when known.</summary>
public sealed record PointDatum(string Label, double X, double Y, double? Lower, double? Upper, string Text);

/// <summary>What every chart says in words: its title, a description for screen readers, and its table's column heads.</summary>
public sealed record ChartText(string Title, string Description, string LabelHead, string ValueHead, string Language);

/// <summary>Horizontal bars of shares with interval whiskers.</summary>
public sealed record BarChartModel(ChartText Text, IReadOnlyList<BarDatum> Bars, string AxisLabel);

/// <summary>A line through points, or (<paramref name="Steps"/>) a step curve as a survival estimate draws.</summary>
public sealed record LineChartModel(ChartText Text, IReadOnlyList<PointDatum> Points, string XLabel, string YLabel, bool Steps, double XMax);
