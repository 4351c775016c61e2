using System.Globalization;
using CsvHelper;
using FoiTracker.Application.Statistics;
using FoiTracker.Domain.Statistics;

namespace FoiTracker.Web.Endpoints;

/// <summary>
/// Statistics as RFC 4180 CSV in UTF-8 with a byte order mark, so that spreadsheets show Georgian.
/// Every line carries the basis (methodology version, period, day evaluated at, statutes and
/// calendars) and every share its sample (count and denominator), so a line cited alone still says
/// what it rests on.
/// </summary>
public static class StatisticsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = new() { WriteByteOrderMark = true };

    private static readonly string[] RateNames = ["on_time", "replied", "success", "overdue_now", "complaints_decided_in_time"];

    private static readonly string[] FigureHeader =
    [
        "sent", "due", .. StatisticsOutcomeNames.All, "open",
        .. RateNames.SelectMany(name => new[] { name + "_count", name + "_of", name + "_share", name + "_lower95", name + "_upper95", name + "_withheld" }),
        "answer_times_requests", "answer_times_answered", "answer_times_censored", "median_working_days", "median_lower95", "median_upper95",
        "legal_term_working_days", "answered_within_term_share", "answered_within_term_lower95", "answered_within_term_upper95", "answered_within_term_withheld",
        "complaints_filed", "complaints_decided", "complaints_upheld", "complaints_partly_upheld", "complaints_rejected",
        "court_claims", "court_decided", "court_won", "court_lost", "court_settled",
    ];

    private static readonly string[] BasisHeader = ["methodology_version", "methodology", "period", "as_of", "statutes", "outcome_mapping"];

    public static Task WriteBodiesAsync(Stream stream, StatisticsBasis basis, IEnumerable<BodyStatistics> bodies, CancellationToken cancellationToken) =>
        WriteAsync(
            stream,
            ["body_key", "name_ka", "name_en", "kind", "municipality", "rank"],
            basis,
            bodies.Select(body => (new[] { body.Key, body.Name.Ka, body.Name.En, body.Kind, body.Municipality, body.Rank?.ToString(CultureInfo.InvariantCulture) }, body.Figures)),
            cancellationToken);

    /// <summary>A snapshot's bodies in the same columns, each row led by the snapshot's id and SHA-256 so a row copied elsewhere still says where it came from.</summary>
    public static Task WriteSnapshotAsync(Stream stream, string id, string sha256, BodiesStatistics content, CancellationToken cancellationToken) =>
        WriteAsync(
            stream,
            ["snapshot", "sha256", "body_key", "name_ka", "name_en", "kind", "municipality", "rank"],
            content.Basis,
            content.Bodies.Select(body => (new[] { id, sha256, body.Key, body.Name.Ka, body.Name.En, body.Kind, body.Municipality, body.Rank?.ToString(CultureInfo.InvariantCulture) }, body.Figures)),
            cancellationToken);

    public static Task WriteGroupsAsync(Stream stream, GroupedStatistics groups, CancellationToken cancellationToken) =>
        WriteAsync(
            stream,
            ["by", "group"],
            groups.Basis,
            groups.Groups.Select(group => (new[] { groups.By, (string?)group.Group }, group.Figures)),
            cancellationToken);

    /// <summary>The open data, one request a line, streamed: the header goes out first, then each line as it is read.</summary>
    public static async Task WriteRequestsAsync(Stream stream, IAsyncEnumerable<RequestExportLine> lines, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        csv.WriteHeader(
            ["number", "body_key", "sent", "due", "first_answer", "outcome", "working_days_to_answer", "complaint_filed", "court_filed"]);
        await csv.FlushAsync(cancellationToken);
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            csv.WriteField(line.Number);
            csv.WriteField(line.Body);
            csv.WriteField(line.Sent);
            csv.WriteField(line.Due);
            csv.WriteField(line.FirstAnswer);
            csv.WriteField(line.Outcome);
            csv.WriteField(line.WorkingDaysToAnswer);
            csv.WriteField(line.ComplaintFiled);
            csv.WriteField(line.CourtFiled);
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static async Task WriteAsync(
        Stream stream, string[] keyHeader, StatisticsBasis basis, IEnumerable<(string?[] Keys, GroupFigures Figures)> rows, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        csv.WriteHeader([.. BasisHeader, .. keyHeader, .. FigureHeader]);
        var statutes = string.Join("; ", basis.Statutes.Select(s => $"{s.Statute} v{s.Version} ({s.Calendar} v{s.CalendarVersion})"));
        foreach (var (keys, figures) in rows)
        {
            csv.WriteField(basis.MethodologyVersion);
            csv.WriteField(basis.Methodology);
            csv.WriteField(basis.Period);
            csv.WriteField(basis.AsOf);
            csv.WriteField(statutes);
            csv.WriteField($"{basis.OutcomeMapping} v{basis.OutcomeMappingVersion}");
            foreach (var key in keys)
                csv.WriteField(key);
            WriteFigures(csv, figures);
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static void WriteFigures(CsvWriter csv, GroupFigures figures)
    {
        var outcomes = figures.Outcomes;
        foreach (var count in new[] { figures.Sent, figures.Due, outcomes.Complete, outcomes.Partial, outcomes.Refused, outcomes.NotHeld, outcomes.Forwarded, outcomes.NoReply, outcomes.Pending, outcomes.Withdrawn, figures.Open })
            csv.WriteField(count);
        foreach (var rate in new[] { figures.OnTime, figures.Replied, figures.Success, figures.OverdueNow, figures.Escalation.DecidedInTime })
        {
            csv.WriteField(rate.Count);
            csv.WriteField(rate.Of);
            Share(csv, rate.Value);
            Share(csv, rate.Lower);
            Share(csv, rate.Upper);
            csv.WriteField(rate.Withheld);
        }

        var times = figures.TimeToAnswer;
        foreach (var value in new[] { times.Requests, times.Answered, times.Censored, times.MedianDays, times.MedianLower, times.MedianUpper, times.LegalTermDays })
            csv.WriteField(value);
        Share(csv, times.AnsweredWithinTerm.Value);
        Share(csv, times.AnsweredWithinTerm.Lower);
        Share(csv, times.AnsweredWithinTerm.Upper);
        csv.WriteField(times.AnsweredWithinTerm.Withheld);
        var escalation = figures.Escalation;
        foreach (var count in new[] { escalation.ComplaintsFiled, escalation.ComplaintsDecided, escalation.Upheld, escalation.PartlyUpheld, escalation.Rejected, escalation.CourtClaims, escalation.CourtDecided, escalation.CourtWon, escalation.CourtLost, escalation.CourtSettled })
            csv.WriteField(count);
    }

    /// <summary>Shares to six decimals: finer than any sample here can tell, and stable across machines.</summary>
    private static void Share(CsvWriter csv, double? value) =>
        csv.WriteField(value is { } share ? Math.Round(share, 6).ToString("0.######", CultureInfo.InvariantCulture) : null);
}
